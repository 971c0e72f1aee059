/**
 * What /team/report/ answers, decided before anything is rendered, as a plain function of the request so it can
 * be tested without a server:
 *
 *   REPORT_TOKEN unset                 404, the site's own "not found" page: the address gives nothing away
 *   no valid credential                401 with the sign-in form, and not one byte of the report (never even read)
 *   POST token=… (the form)            303 back to the page with the session cookie, or 401 again
 *   POST sign-out=…                    303 with the cookie cleared
 *   valid credential, bad ?since=      400 saying what a valid value looks like
 *   valid credential                   200 with the report
 */
import { HttpError } from '../http/error.ts';
import { readCapped } from '../http/body.ts';
import { isCrossOrigin } from '../http/origin.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import { dayOf, type FeedbackReport, type FeedbackStore } from '../feedback/store.ts';
import { accessOf, sameSecret, sessionCookie, sessionValue } from './access.ts';

/** The page's own address; the form posts to it and a sign-in comes back to it. */
export const reportPath = '/team/report/';
/** Comments and missed searches listed, as in `npm run report`. */
export const reportListLength = 20;

export type TeamPage =
  | { kind: 'not-found'; status: 404 }
  | { kind: 'redirect'; status: 303; location: string; cookie: string }
  | { kind: 'sign-in'; status: 401 | 403 | 413 | 415 | 429; message?: string; since?: string; retryAfter?: number }
  | { kind: 'bad-since'; status: 400; message: string }
  | { kind: 'report'; status: 200; report: FeedbackReport; since?: string; today: string };

export interface TeamPageOptions {
  /** REPORT_TOKEN; undefined: the page doesn't exist. */
  token: string | undefined;
  /** The feedback handler's store, so the page reads what the votes were written to. */
  store: Pick<FeedbackStore, 'report'>;
  /** Counts sign-in attempts per client, so guessing is slow as well as hopeless. */
  limiter: RateLimiter | null;
  /** Who the request comes from, for the limiter. */
  clientId: string;
  /** Public origins allowed to post besides the request's own (DEMO_ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  now?: () => Date;
}

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `?since=` checked: a real calendar day, not after today; the message says what to send instead. */
export function parseSince(raw: string | null, today: string): { since?: string } | { error: string } {
  if (raw === null || raw.trim() === '') return {};
  const value = raw.trim();
  const match = dayPattern.exec(value);
  const real = match && dayOf(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))) === value;
  if (!real)
    return {
      error: `since must be a day written as YYYY-MM-DD, like ${today}; "${value.slice(0, 40)}" is not one. Leave it out to see everything.`,
    };
  if (value > today) return { error: `since is ${value}, after today (${today}, UTC): pick today or an earlier day.` };
  return { since: value };
}

export async function teamReportPage(request: Request, options: TeamPageOptions): Promise<TeamPage> {
  const { token, store, now = () => new Date() } = options;
  if (token === undefined) return { kind: 'not-found', status: 404 };
  const url = new URL(request.url);
  if (request.method === 'POST') return signIn(request, token, options);
  if (request.method !== 'GET' && request.method !== 'HEAD') return { kind: 'not-found', status: 404 };

  const today = dayOf(now());
  const parsed = parseSince(url.searchParams.get('since'), today);
  // Only a granted request gets past this line: the report is never read for anyone else. The form keeps a valid
  // `since`, so signing in leads to the period asked for.
  if ((await accessOf(request, token, now().getTime())) !== 'granted')
    return { kind: 'sign-in', status: 401, ...('since' in parsed && parsed.since && { since: parsed.since }) };
  if ('error' in parsed) return { kind: 'bad-since', status: 400, message: parsed.error };
  const report = await store.report({ since: parsed.since, limit: reportListLength });
  return { kind: 'report', status: 200, report, today, ...(parsed.since && { since: parsed.since }) };
}

async function signIn(request: Request, token: string, options: TeamPageOptions): Promise<TeamPage> {
  const { limiter, clientId, allowedOrigins, now = () => new Date() } = options;
  if (isCrossSite(request, allowedOrigins))
    return {
      kind: 'sign-in',
      status: 403,
      message: 'This form was sent from another website, so it was refused. Sign in on this page.',
    };
  let form: URLSearchParams;
  try {
    form = await formOf(request);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { kind: 'sign-in', status: error.status === 413 ? 413 : 415, message: error.message };
  }
  if (form.has('sign-out'))
    return { kind: 'redirect', status: 303, location: reportPath, cookie: sessionCookie('', request.url) };

  const decision = await limiter?.take(`team-sign-in\n${clientId}`);
  if (decision && !decision.allowed)
    return {
      kind: 'sign-in',
      status: 429,
      retryAfter: decision.retryAfter,
      message: `Too many sign-in attempts. Wait ${decision.retryAfter} seconds and try again.`,
    };

  const since = parseSince(form.get('since'), dayOf(now()));
  const back = 'since' in since && since.since ? `${reportPath}?since=${since.since}` : reportPath;
  if (await sameSecret((form.get('token') ?? '').trim(), token))
    return {
      kind: 'redirect',
      status: 303,
      location: back,
      cookie: sessionCookie(await sessionValue(token, now().getTime()), request.url),
    };
  return {
    kind: 'sign-in',
    status: 401,
    message: "That isn't the team's token. Check for a missing character and try again.",
    ...('since' in since && since.since && { since: since.since }),
  };
}

/**
 * Whether the form was posted from another site, checked here as well as by Astro (security.checkOrigin), which
 * refuses a form whose Origin isn't the site's before this page runs. A browser whose privacy settings send
 * `Origin: null` is judged by `Sec-Fetch-Site`, which browsers send whatever the referrer policy; without either,
 * the post is refused.
 */
export function isCrossSite(request: Request, allowedOrigins: readonly string[] = []): boolean {
  if (request.headers.get('origin') !== 'null') return isCrossOrigin(request, allowedOrigins);
  return request.headers.get('sec-fetch-site') !== 'same-origin';
}

/** The form's fields, from a small URL-encoded body (the only kind the form sends). */
async function formOf(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded')
    throw new HttpError(415, 'unsupported_media_type', 'Sign in with the form on this page.');
  const bytes = await readCapped(request, 2048);
  return new URLSearchParams(new TextDecoder().decode(bytes));
}

/** The reason phrase of each status the page answers with itself (HTTP/1.1 servers send it). */
export const statusTexts: Record<Exclude<TeamPage['status'], 303 | 404>, string> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
};

/** The headers of a page's response beyond the team headers: where a redirect goes, and what it sets. */
export function pageHeaders(page: TeamPage): Record<string, string> {
  if (page.kind === 'redirect') return { location: page.location, 'set-cookie': page.cookie };
  if (page.kind === 'sign-in' && page.retryAfter !== undefined) return { 'retry-after': String(page.retryAfter) };
  // What a 401 must name: the scheme a script can use (people use the form).
  if (page.status === 401) return { 'www-authenticate': 'Bearer realm="team"' };
  return {};
}
