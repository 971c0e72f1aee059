import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryRateLimiter } from '../http/rate-limit.ts';
import { createFeedbackHandler, createMemoryStore, type FeedbackHandlerOptions } from './index.ts';

interface Click {
  query: string;
  page: string;
  day: string | undefined;
}

/** A memory store that keeps exactly the clicks it was given, to check what reaches storage. */
function clickStore() {
  const clicks: Click[] = [];
  return {
    ...createMemoryStore(),
    clicks,
    addSearchClick(query: string, page: string, day?: string) {
      clicks.push({ query, page, day });
    },
  };
}

function clicksHandler(options: Partial<FeedbackHandlerOptions> = {}) {
  const store = clickStore();
  const handler = createFeedbackHandler({
    store,
    limiter: null,
    log: () => {},
    now: () => new Date('2026-12-02T09:15:00Z'),
    ...options,
  });
  return { handler, store };
}

async function post(
  handler: ReturnType<typeof createFeedbackHandler>,
  body: unknown,
  {
    headers = {},
    method = 'POST',
    clientId,
  }: { headers?: Record<string, string>; method?: string; clientId?: string } = {},
) {
  const response = await handler(
    new Request('http://localhost:4321/api/search-clicks', {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    clientId,
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, error: text ? JSON.parse(text).error : undefined };
}

describe('POST /api/search-clicks', () => {
  it('counts the query and the page opened, normalised and filed under the day: 204, not cached', async () => {
    const { handler, store } = clicksHandler();
    const answer = await post(handler, { query: '  Partial   REFUND ', page: '/refunds/partial-refunds?from=search' });
    assert.equal(answer.status, 204);
    assert.equal(answer.text, '');
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.deepEqual(store.clicks, [{ query: 'partial refund', page: '/refunds/partial-refunds/', day: '2026-12-02' }]);
    await post(handler, { query: 'cancel refund', page: '/faq/#can-i-cancel-a-refund' });
    assert.equal(store.clicks[1]?.page, '/faq/#can-i-cancel-a-refund', 'an answer’s anchor is kept');
  });

  it('scrubs personal data from the query and the page, and keeps nothing about the reader', async () => {
    const { handler, store } = clicksHandler();
    const answer = await post(
      handler,
      { query: 'refund for jo@example.com card 4242 4242 4242 4242', page: '/faq/#ana@example.com' },
      { headers: { 'user-agent': 'Mozilla/5.0 Secret', 'x-forwarded-for': '198.51.100.7' }, clientId: '198.51.100.7' },
    );
    assert.equal(answer.status, 204);
    assert.deepEqual(store.clicks, [
      { query: 'refund for [removed] card [removed]', page: '/faq/#[removed]', day: '2026-12-02' },
    ]);
    const stored = JSON.stringify(store.clicks);
    for (const secret of ['198.51.100.7', 'Mozilla', '4242', 'jo@', 'ana@'])
      assert.ok(!stored.includes(secret), secret);
  });

  it('refuses a bad body with a 4xx that names the field and says what to send', async () => {
    const { handler, store } = clicksHandler();
    const cases: [unknown, number, string, string | undefined, RegExp][] = [
      [{ page: '/fees/' }, 400, 'missing_field', 'query', /query is required: the search text/],
      [{ query: '  ', page: '/fees/' }, 400, 'invalid_field', 'query', /1 to 200 characters/],
      [{ query: 'q'.repeat(201), page: '/fees/' }, 400, 'invalid_field', 'query', /1 to 200 characters/],
      [{ query: 'fees' }, 400, 'missing_field', 'page', /page is required: the path of the result/],
      [{ query: 'fees', page: 'https://evil.example/' }, 400, 'invalid_field', 'page', /starting with "\/"/],
      [{ query: 'fees', page: '//evil.example/' }, 400, 'invalid_field', 'page', /without "https:\/\/" and the host/],
      [{ query: 'fees', page: '/a b/' }, 400, 'invalid_field', 'page', /path of the result/],
      [{ query: 'fees', page: `/${'p'.repeat(200)}` }, 400, 'invalid_field', 'page', /up to 200 characters/],
      [{ query: 'fees', page: '/fees/', when: 'now' }, 400, 'unknown_field', 'when', /Send only query, page/],
      [['fees'], 400, 'invalid_body', undefined, /like \{"query": "partial refund", "page"/],
      ['{"query": ', 400, 'invalid_json', undefined, /isn't valid JSON/],
    ];
    for (const [body, status, code, param, message] of cases) {
      const answer = await post(handler, body);
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.deepEqual([answer.error.code, answer.error.param], [code, param], JSON.stringify(body));
      assert.match(answer.error.message, message);
    }
    assert.equal(store.clicks.length, 0);
  });

  it('refuses other sites, other media types, other methods and floods, as the other endpoints do', async () => {
    const { handler } = clicksHandler({ limiter: createMemoryRateLimiter({ limit: 2, windowMs: 60_000 }) });
    const body = { query: 'fees', page: '/fees/' };
    assert.equal(
      (await post(handler, body, { headers: { origin: 'https://evil.example' } })).error.code,
      'cross_origin',
    );
    assert.equal((await post(handler, body, { headers: { 'content-type': 'text/plain' } })).status, 415);
    assert.equal((await post(handler, body, { method: 'PUT' })).status, 405);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(handler, body, { clientId: 'c' })).status);
    assert.deepEqual(statuses, [204, 204, 429]);
  });
});
