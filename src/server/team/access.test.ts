import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  accessOf,
  constantTimeEqual,
  sameSecret,
  sessionCookie,
  sessionCookieName,
  sessionSeconds,
  sessionValue,
  validSession,
} from './access.ts';

const token = 'team-token-0123456789-abcdefghijklmnop';
const now = Date.parse('2026-12-02T09:00:00Z');

function request(headers: Record<string, string> = {}, url = 'https://help.example.com/team/report/'): Request {
  return new Request(url, { headers });
}

describe('constantTimeEqual', () => {
  it('is true for equal bytes only, and false for different lengths', () => {
    assert.equal(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3])), true);
    assert.equal(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4])), false);
    assert.equal(constantTimeEqual(new Uint8Array([0, 2, 3]), new Uint8Array([1, 2, 3])), false);
    assert.equal(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3])), false);
  });

  it('reads every byte whether the first one differs or none does', () => {
    // Counts the reads of each array's bytes: an early exit would read fewer on a mismatch at the start.
    const reads = (a: number[], b: number[]) => {
      let count = 0;
      const counted = (bytes: number[]) =>
        new Proxy(new Uint8Array(bytes), {
          get(target, key) {
            if (typeof key === 'string' && /^\d+$/.test(key)) count += 1;
            const value = Reflect.get(target, key) as unknown;
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
      constantTimeEqual(counted(a), counted(b));
      return count;
    };
    const same = Array.from({ length: 32 }, (_, i) => i);
    const differentFirst = [255, ...same.slice(1)];
    assert.equal(reads(same, differentFirst), reads(same, same));
    assert.equal(reads(same, same), 64);
  });
});

describe('sameSecret', () => {
  it('accepts the token and nothing else: not a prefix, not a longer string, not an empty one', async () => {
    assert.equal(await sameSecret(token, token), true);
    for (const guess of ['', token.slice(0, -1), `${token}x`, token.toUpperCase(), ` ${token}`])
      assert.equal(await sameSecret(guess, token), false, JSON.stringify(guess));
  });
});

describe('the session cookie', () => {
  it('holds an expiry and an HMAC, never the token', async () => {
    const value = await sessionValue(token, now);
    assert.match(value, /^\d+\.[A-Za-z0-9_-]{43}$/);
    assert.ok(!value.includes(token) && !value.includes(token.slice(0, 8)));
    assert.equal(Number(value.split('.')[0]), now / 1000 + sessionSeconds);
    assert.equal(await validSession(value, token, now), true);
  });

  it('is refused once expired, when made with another token, or when its expiry is changed', async () => {
    const value = await sessionValue(token, now);
    assert.equal(await validSession(value, token, now + sessionSeconds * 1000), false, 'expired');
    assert.equal(await validSession(value, `${token}-rotated`, now), false, 'the token changed');
    const [expires, mac] = value.split('.');
    assert.equal(await validSession(`${Number(expires) + 3600}.${mac}`, token, now), false, 'extended');
    for (const junk of ['', '1.2', `${expires}.`, `${expires}.${mac}x`, token])
      assert.equal(await validSession(junk, token, now), false, junk);
  });

  it('is HttpOnly, SameSite=Strict, for /team/ only, and Secure except on http://localhost', () => {
    const secure = sessionCookie('v', 'https://help.example.com/team/report/');
    assert.equal(
      secure,
      `${sessionCookieName}=v; Path=/team/; Max-Age=${sessionSeconds}; HttpOnly; SameSite=Strict; Secure`,
    );
    assert.ok(sessionCookie('v', 'http://help.example.com/team/report/').endsWith('; Secure'), 'plain http elsewhere');
    for (const local of ['http://localhost:4321/team/report/', 'http://127.0.0.1:4800/team/report/'])
      assert.ok(!sessionCookie('v', local).includes('Secure'), local);
    assert.match(sessionCookie('', 'https://help.example.com/team/report/'), /^kb_team=; Path=\/team\/; Max-Age=0;/);
  });
});

describe('accessOf', () => {
  it('is closed when no token is configured, whatever the request carries', async () => {
    assert.equal(await accessOf(request({ authorization: `Bearer ${token}` }), undefined, now), 'closed');
  });

  it('grants the bearer token or a valid session cookie', async () => {
    assert.equal(await accessOf(request({ authorization: `Bearer ${token}` }), token, now), 'granted');
    assert.equal(await accessOf(request({ authorization: `bearer  ${token} ` }), token, now), 'granted');
    const cookie = `theme=dark; ${sessionCookieName}=${await sessionValue(token, now)}; other=1`;
    assert.equal(await accessOf(request({ cookie }), token, now), 'granted');
  });

  it('denies no credential, a wrong one, the token itself as the cookie, and Basic auth', async () => {
    const cases: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-wrong-token-wrong-token' },
      { authorization: `Basic ${btoa(`team:${token}`)}` },
      { authorization: token },
      { cookie: `${sessionCookieName}=${token}` },
      { cookie: `${sessionCookieName}=${await sessionValue('another-token-another-token-1234', now)}` },
      { cookie: `x${sessionCookieName}=${await sessionValue(token, now)}` },
    ];
    for (const headers of cases)
      assert.equal(await accessOf(request(headers), token, now), 'denied', JSON.stringify(headers));
  });
});
