import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryRateLimiter } from '../http/rate-limit.ts';
import type { FeedbackReport, ReportOptions } from '../feedback/store.ts';
import { sessionCookieName } from './access.ts';
import { pageHeaders, parseSince, teamReportPage, type TeamPageOptions } from './report-page.ts';

const token = 'team-token-0123456789-abcdefghijklmnop';
const plantedComment = 'PLANTED-COMMENT the refund never came';
const plantedQuery = 'planted-query zebra refund';
const now = () => new Date('2026-12-02T09:00:00Z');

/** A store whose report holds the planted texts, and which remembers whether (and how) it was read. */
function plantedStore() {
  const reads: ReportOptions[] = [];
  const report: FeedbackReport = {
    pages: [
      {
        page: '/refunds/partial-refunds/',
        helpful: 1,
        notHelpful: 1,
        reasons: { missing_information: 0, wrong: 1, hard_to_follow: 0, did_not_solve: 0 },
      },
    ],
    comments: [
      {
        page: '/refunds/partial-refunds/',
        day: '2026-12-02',
        helpful: false,
        reason: 'wrong',
        comment: plantedComment,
      },
    ],
    misses: [{ query: plantedQuery, count: 3 }],
    clicks: [{ query: plantedQuery, count: 1, pages: [{ page: '/refunds/partial-refunds/', count: 1 }] }],
    daily: [{ day: '2026-12-02', helpful: 1, notHelpful: 1, misses: 3, clicks: 1 }],
  };
  return {
    reads,
    report(options?: ReportOptions) {
      reads.push(options ?? {});
      return report;
    },
  };
}

function page(path: string, init: RequestInit = {}, options: Partial<TeamPageOptions> = {}, store = plantedStore()) {
  const request = new Request(`https://help.example.com${path}`, init);
  return {
    store,
    result: teamReportPage(request, { token, store, limiter: null, clientId: '203.0.113.5', now, ...options }),
  };
}

function form(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://help.example.com', ...headers },
    body: new URLSearchParams(fields).toString(),
  };
}

/** Whether anything the report holds shows in what the page would render. */
function leaks(result: unknown): boolean {
  const text = JSON.stringify(result);
  return text.includes('PLANTED') || text.includes('planted-query') || text.includes('partial-refunds');
}

describe('the report page without the token configured', () => {
  it('is not found, for every method and credential, and the store is never read', async () => {
    for (const init of [{}, { headers: { authorization: `Bearer ${token}` } }, form({ token })]) {
      const { store, result } = page('/team/report/', init, { token: undefined });
      assert.deepEqual(await result, { kind: 'not-found', status: 404 });
      assert.equal(store.reads.length, 0);
    }
  });
});

describe('the report page with the token configured', () => {
  it('asks a request without a valid credential to sign in (401), and reads no report for it', async () => {
    const denied: RequestInit[] = [
      {},
      { headers: { authorization: 'Bearer not-the-token-not-the-token-not' } },
      { headers: { cookie: `${sessionCookieName}=${token}` } },
      { headers: { cookie: `${sessionCookieName}=1999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` } },
    ];
    for (const init of denied) {
      for (const path of ['/team/report/', '/team/report/?since=2026-01-01', '/team/report/?since=nonsense']) {
        const { store, result } = page(path, init);
        const answer = await result;
        assert.equal(answer.status, 401, `${path} ${JSON.stringify(init)}`);
        assert.equal(answer.kind, 'sign-in');
        assert.equal(pageHeaders(answer)['www-authenticate'], 'Bearer realm="team"');
        assert.equal(store.reads.length, 0, 'the store was not read');
        assert.ok(!leaks(answer));
      }
    }
  });

  it('shows the report to the bearer token, with the lists as long as npm run report’s', async () => {
    const { store, result } = page('/team/report/', { headers: { authorization: `Bearer ${token}` } });
    const answer = await result;
    assert.equal(answer.kind, 'report');
    assert.ok(leaks(answer));
    assert.deepEqual(store.reads, [{ since: undefined, limit: 20 }]);
    assert.equal(answer.kind === 'report' && answer.today, '2026-12-02');
  });

  it('passes a valid since to the store, and answers a bad one with 400 and what to send', async () => {
    const bearer = { headers: { authorization: `Bearer ${token}` } };
    const { store, result } = page('/team/report/?since=2026-11-01', bearer);
    assert.equal((await result).status, 200);
    assert.equal(store.reads[0]?.since, '2026-11-01');
    for (const [since, message] of [
      ['2026-13-01', /YYYY-MM-DD, like 2026-12-02; "2026-13-01" is not one/],
      ['2026-02-30', /"2026-02-30" is not one/],
      ['yesterday', /"yesterday" is not one/],
      ['2026-12-03', /after today \(2026-12-02, UTC\)/],
    ] as const) {
      const bad = page(`/team/report/?since=${since}`, bearer);
      const answer = await bad.result;
      assert.equal(answer.status, 400, since);
      assert.match(answer.kind === 'bad-since' ? answer.message : '', message);
      assert.equal(bad.store.reads.length, 0);
    }
  });

  it('signs in with the form: 303 back with a session cookie that then opens the page', async () => {
    const answer = await page('/team/report/', form({ token: ` ${token} `, since: '2026-11-01' })).result;
    assert.equal(answer.kind, 'redirect');
    if (answer.kind !== 'redirect') return;
    assert.equal(answer.status, 303);
    assert.equal(answer.location, '/team/report/?since=2026-11-01');
    assert.match(
      answer.cookie,
      /^kb_team=\d+\.[\w-]+; Path=\/team\/; Max-Age=43200; HttpOnly; SameSite=Strict; Secure$/,
    );
    assert.ok(!answer.cookie.includes(token));
    const cookie = answer.cookie.split(';')[0]!;
    const { result } = page('/team/report/', { headers: { cookie } });
    assert.equal((await result).kind, 'report');
  });

  it('refuses a wrong token (401), another site’s form (403), a body that is not the form (415) or too big (413)', async () => {
    const wrong = await page('/team/report/', form({ token: 'not-the-token-not-the-token-not-it' })).result;
    assert.equal(wrong.status, 401);
    assert.match(wrong.kind === 'sign-in' ? (wrong.message ?? '') : '', /isn't the team's token/);
    const crossSite = await page('/team/report/', form({ token }, { origin: 'https://evil.example' })).result;
    assert.equal(crossSite.status, 403);
    const json = await page('/team/report/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    }).result;
    assert.equal(json.status, 415);
    const huge = await page('/team/report/', form({ token, padding: 'x'.repeat(5000) })).result;
    assert.equal(huge.status, 413);
    for (const answer of [wrong, crossSite, json, huge]) assert.ok(!leaks(answer));
  });

  it('judges a form posted with Origin: null (a browser’s privacy setting) by Sec-Fetch-Site', async () => {
    const own = await page('/team/report/', form({ token }, { origin: 'null', 'sec-fetch-site': 'same-origin' }))
      .result;
    assert.equal(own.status, 303);
    const strangers: Record<string, string>[] = [
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ];
    for (const headers of strangers) {
      const answer = await page('/team/report/', form({ token }, headers)).result;
      assert.equal(answer.status, 403, JSON.stringify(headers));
    }
  });

  it('limits sign-in attempts per client', async () => {
    const limiter = createMemoryRateLimiter({ limit: 3, windowMs: 60_000 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await page('/team/report/', form({ token: `guess-${i}` }), { limiter }).result).status);
    assert.deepEqual(statuses, [401, 401, 401, 429]);
    const other = await page('/team/report/', form({ token }), { limiter, clientId: '198.51.100.1' }).result;
    assert.equal(other.status, 303, 'another client is not held up');
  });

  it('signs out by clearing the cookie', async () => {
    const answer = await page('/team/report/', form({ 'sign-out': '1' })).result;
    assert.equal(answer.kind === 'redirect' && answer.cookie.startsWith('kb_team=; Path=/team/; Max-Age=0;'), true);
  });
});

describe('parseSince', () => {
  it('takes nothing or a real day up to today', () => {
    assert.deepEqual(parseSince(null, '2026-12-02'), {});
    assert.deepEqual(parseSince(' ', '2026-12-02'), {});
    assert.deepEqual(parseSince('2024-02-29', '2026-12-02'), { since: '2024-02-29' });
    assert.ok('error' in parseSince('2025-02-29', '2026-12-02'));
  });
});
