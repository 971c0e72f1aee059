/**
 * Who may read the team's pages under /team/: whoever shows the team's token (REPORT_TOKEN), either as
 * `Authorization: Bearer <token>` (for scripts) or through the session cookie the sign-in form sets (for people).
 * With no token configured the pages don't exist at all: every /team/ address answers the site's 404.
 *
 * Only Web Crypto is used (`crypto.subtle`), which Node, Netlify's and Vercel's functions and Cloudflare's workerd
 * all have, so the same check runs on every target and the Worker needs no `node:` import.
 */

/** The session cookie's name; it holds an expiry and an HMAC keyed with the token, never the token itself. */
export const sessionCookieName = 'kb_team';
/** How long a sign-in lasts: a working day, after which the form asks again. */
export const sessionSeconds = 12 * 60 * 60;
/** The only path the cookie is sent to: the public pages never see it. */
export const teamPath = '/team/';

/**
 * Every /team/ response carries these, whatever its status: a CDN or browser must never keep a copy (the page holds
 * what readers wrote), search engines must not list the address, and a link followed from the page must not tell
 * another site where the reader came from. `same-origin` rather than `no-referrer`: with no referrer at all a
 * browser posts the sign-in form with `Origin: null`, which Astro's own cross-site check (kept on) refuses; the
 * site's own pages may see the address, which holds no secret (the token never sits in a URL).
 */
export const teamHeaders: Readonly<Record<string, string>> = {
  'cache-control': 'no-store, private',
  'x-robots-tag': 'noindex, nofollow',
  'referrer-policy': 'same-origin',
};

/** `closed`: no token is configured (404); `denied`: no valid credential (401); `granted`: show the report. */
export type Access = 'closed' | 'denied' | 'granted';

const encoder = new TextEncoder();

/**
 * Equal-length byte arrays compared without stopping at the first difference, so the time taken doesn't say how
 * many leading bytes matched. `crypto.timingSafeEqual` is Node's only (workerd has a variant under
 * `crypto.subtle`), so one loop serves every runtime; it only ever compares 32-byte digests (see `sameSecret`), so
 * what it could leak even through a JIT's tricks is a digest, which says nothing usable about the secret.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/**
 * Whether `given` is the token. Both are hashed first: the digests have the same length whatever was sent, so the
 * comparison neither stops early on a short guess nor reveals the token's length, and matching a prefix of a
 * digest gets a guesser no closer to the token.
 */
export async function sameSecret(given: string, token: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(token)]);
  return constantTimeEqual(a, b);
}

async function hmac(token: string, message: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(token), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`team-session\n${message}`)));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/**
 * A session cookie's value: its expiry (seconds since 1970) and an HMAC of it keyed with the token. Nothing in it
 * reveals the token, it can't be forged or extended without it, and changing REPORT_TOKEN ends every session.
 */
export async function sessionValue(token: string, now: number): Promise<string> {
  const expires = Math.floor(now / 1000) + sessionSeconds;
  return `${expires}.${base64url(await hmac(token, String(expires)))}`;
}

/** Whether a session cookie's value was made with `token` and hasn't expired. */
export async function validSession(value: string, token: string, now: number): Promise<boolean> {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]+)$/.exec(value);
  const given = match && fromBase64url(match[2] ?? '');
  if (!match || !given) return false;
  const expected = await hmac(token, match[1] ?? '');
  // Compared in full even when expired, so an old cookie takes as long as a fresh one.
  const signed = constantTimeEqual(given, expected);
  return signed && Number(match[1]) * 1000 > now;
}

/** Whether the request is sent to a loopback address over plain HTTP, where a Secure cookie would not come back. */
function isLocalHttp(url: URL): boolean {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/**
 * The Set-Cookie header of a sign-in: HttpOnly (no script reads it), SameSite=Strict (no other site's page can
 * send it along), Path=/team/ (the public pages never receive it), Secure everywhere but http://localhost, where
 * a browser would otherwise drop it. `value` empty clears the cookie (signing out).
 */
export function sessionCookie(value: string, requestUrl: string): string {
  const attributes = [
    `${sessionCookieName}=${value}`,
    `Path=${teamPath}`,
    `Max-Age=${value ? sessionSeconds : 0}`,
    'HttpOnly',
    'SameSite=Strict',
  ];
  if (!isLocalHttp(new URL(requestUrl))) attributes.push('Secure');
  return attributes.join('; ');
}

function cookieOf(request: Request, name: string): string | undefined {
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** Whether the request may read the team's pages, going by the token configured (none: `closed`). */
export async function accessOf(request: Request, token: string | undefined, now = Date.now()): Promise<Access> {
  if (token === undefined) return 'closed';
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (bearer !== undefined && (await sameSecret(bearer, token))) return 'granted';
  const session = cookieOf(request, sessionCookieName);
  if (session !== undefined && (await validSession(session, token, now))) return 'granted';
  return 'denied';
}
