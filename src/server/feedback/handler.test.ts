import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { createMemoryRateLimiter } from '../http/rate-limit.ts';
import {
  createFeedbackHandler,
  createFeedbackHandlerFromEnv,
  createMemoryStore,
  ConfigError,
  lazyStore,
  unavailableStore,
  type FeedbackEntry,
  type FeedbackHandlerOptions,
  type FeedbackStore,
} from './index.ts';

const tempDirs: string[] = [];
after(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A memory store that also keeps exactly what it was given, to check what reaches storage. */
function recordingStore(): FeedbackStore & { entries: FeedbackEntry[]; queries: string[] } {
  const store = createMemoryStore();
  const entries: FeedbackEntry[] = [];
  const queries: string[] = [];
  return {
    ...store,
    entries,
    queries,
    addFeedback(entry) {
      entries.push(entry);
      return store.addFeedback(entry);
    },
    addSearchMiss(query, day) {
      queries.push(query);
      return store.addSearchMiss(query, day);
    },
  };
}

function feedback(options: Partial<FeedbackHandlerOptions> = {}) {
  const store = recordingStore();
  const logs: string[] = [];
  const handler = createFeedbackHandler({ store, limiter: null, log: (line) => logs.push(line), ...options });
  return { handler, store, logs };
}

interface Call {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  clientId?: string;
}

async function call(
  handler: (request: Request, clientId?: string) => Promise<Response>,
  path: string,
  { method = 'POST', body, headers, clientId }: Call = {},
) {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await handler(new Request(`http://localhost:4321${path}`, init), clientId);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
}

function assertError(answer: Awaited<ReturnType<typeof call>>, status: number, code: string, param?: string): void {
  assert.equal(answer.status, status, answer.text);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
  assert.deepEqual(Object.keys(answer.body), ['error']);
  assert.equal(answer.body.error.code, code);
  assert.equal(answer.body.error.param, param);
  assert.ok(answer.body.error.message.length > 20, 'the message says what to fix');
}

const page = '/refunds/partial-refunds/';

describe('POST /api/feedback', () => {
  it('records an answer: 201 { ok: true }, filed under the day only', async () => {
    const { handler, store } = feedback({ now: () => new Date('2025-03-04T05:06:07Z') });
    const answer = await call(handler, '/api/feedback', { body: { page, helpful: true }, clientId: '203.0.113.9' });
    assert.equal(answer.status, 201);
    assert.deepEqual(answer.body, { ok: true });
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.deepEqual(store.entries, [{ page, helpful: true, day: '2025-03-04' }]);
  });

  it('stores a "no" with its reason and a scrubbed comment, never who sent it', async () => {
    const { handler, store } = feedback();
    // The fake key is put together here, so no string in the repository looks like a live key.
    const comment = `  My card 4242 4242 4242 4242 was refunded twice, email me: ana@example.com (key ${'sk_live_'}abcdefgh12345678) `;
    const answer = await call(handler, '/api/feedback/', {
      body: { page: '/faq/?ref=mail#can-i-cancel-a-refund', helpful: false, reason: 'did_not_solve', comment },
      headers: { 'user-agent': 'Mozilla/5.0 Secret', 'x-forwarded-for': '198.51.100.7' },
      clientId: '198.51.100.7',
    });
    assert.equal(answer.status, 201);
    const [entry] = store.entries;
    assert.deepEqual(entry && { ...entry, day: undefined }, {
      page: '/faq/#can-i-cancel-a-refund',
      helpful: false,
      reason: 'did_not_solve',
      comment: 'My card [removed] was refunded twice, email me: [removed] (key [removed])',
      day: undefined,
    });
    assert.match(entry?.day ?? '', /^\d{4}-\d{2}-\d{2}$/);
    const stored = JSON.stringify(await store.report());
    for (const secret of ['198.51.100.7', 'Mozilla', '4242', 'ana@', 'sk_live', 'ref=mail'])
      assert.ok(!stored.includes(secret), secret);
  });

  it('refuses invalid fields with 400 naming the field', async () => {
    const { handler, store } = feedback();
    assertError(
      await call(handler, '/api/feedback', { body: { page, helpful: 'yes' } }),
      400,
      'invalid_field',
      'helpful',
    );
    assertError(
      await call(handler, '/api/feedback', { body: { page: 'https://example.com/x', helpful: true } }),
      400,
      'invalid_field',
      'page',
    );
    assertError(
      await call(handler, '/api/feedback', { body: { page, helpful: true, reason: 'wrong' } }),
      400,
      'invalid_field',
      'reason',
    );
    assertError(
      await call(handler, '/api/feedback', { body: { page, helpful: true, rating: 5 } }),
      400,
      'unknown_field',
      'rating',
    );
    assertError(
      await call(handler, '/api/feedback', { body: { page, helpful: false, comment: 'x'.repeat(1001) } }),
      400,
      'invalid_field',
      'comment',
    );
    assertError(await call(handler, '/api/feedback', {}), 400, 'missing_field', 'page');
    assertError(await call(handler, '/api/feedback', { body: '[1, 2]' }), 400, 'invalid_body');
    const malformed = await call(handler, '/api/feedback', { body: '{"page": "/", "helpful": tru' });
    assertError(malformed, 400, 'invalid_json');
    assert.match(malformed.body.error.message, /"helpful": true/, 'the example is a feedback body');
    assert.deepEqual(store.entries, []);
  });

  it('refuses bodies over 4 KB with 413, whatever Content-Length says', async () => {
    const { handler } = feedback();
    const answer = await call(handler, '/api/feedback', { body: { page, helpful: true, comment: 'x'.repeat(4100) } });
    assertError(answer, 413, 'body_too_large');
    assert.doesNotMatch(answer.body.error.message, /demo/i);
    const chunks = Array.from({ length: 6 }, () => new TextEncoder().encode(' '.repeat(1000)));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const request = new Request('http://localhost:4321/api/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '20' },
      body,
      duplex: 'half',
    } as RequestInit);
    const lying = await handler(request);
    assert.equal(lying.status, 413);
  });

  it('refuses anything but JSON with 415, a sendBeacon string included', async () => {
    const { handler } = feedback();
    for (const type of [
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      assertError(
        await call(handler, '/api/feedback', { body: { page, helpful: true }, headers: { 'content-type': type } }),
        415,
        'unsupported_media_type',
      );
    }
  });

  it('refuses cross-origin posts with 403, and takes same-origin and header-less ones', async () => {
    const { handler, store } = feedback({ allowedOrigins: ['https://help.example.com'] });
    const body = { page, helpful: true };
    assertError(
      await call(handler, '/api/feedback', { body, headers: { origin: 'https://evil.example' } }),
      403,
      'cross_origin',
    );
    assertError(
      await call(handler, '/api/feedback', { body, headers: { 'sec-fetch-site': 'cross-site' } }),
      403,
      'cross_origin',
    );
    assert.equal(
      (
        await call(handler, '/api/feedback', {
          body,
          headers: { origin: 'http://localhost:4321', 'sec-fetch-site': 'same-origin' },
        })
      ).status,
      201,
    );
    assert.equal(
      (await call(handler, '/api/feedback', { body, headers: { origin: 'https://help.example.com' } })).status,
      201,
    );
    assert.equal((await call(handler, '/api/feedback', { body })).status, 201, 'curl sends no origin');
    assert.equal(store.entries.length, 3);
  });

  it('answers 404 elsewhere and 405 with Allow for other methods', async () => {
    const { handler } = feedback();
    assertError(await call(handler, '/api/feedbacks', { body: {} }), 404, 'not_found');
    const get = await call(handler, '/api/feedback', { method: 'GET' });
    assertError(get, 405, 'method_not_allowed');
    assert.equal(get.headers.get('allow'), 'POST');
  });
});

describe('POST /api/search-misses', () => {
  it('counts the normalised, scrubbed query: 204 with no body', async () => {
    const { handler, store } = feedback();
    const answer = await call(handler, '/api/search-misses', {
      body: { query: '  Refund   TO  jo@example.com ' },
      clientId: '192.0.2.1',
    });
    assert.equal(answer.status, 204);
    assert.equal(answer.text, '');
    await call(handler, '/api/search-misses', { body: { query: 'refund to ann@example.org' } });
    assert.deepEqual(store.queries, ['refund to [removed]', 'refund to [removed]']);
    assert.deepEqual((await store.report()).misses, [{ query: 'refund to [removed]', count: 2 }]);
  });

  it('refuses an empty, long or extra-field query with 400, and the same refusals as feedback', async () => {
    const { handler } = feedback();
    assertError(await call(handler, '/api/search-misses', { body: { query: '  ' } }), 400, 'invalid_field', 'query');
    assertError(
      await call(handler, '/api/search-misses', { body: { query: 'q'.repeat(201) } }),
      400,
      'invalid_field',
      'query',
    );
    assertError(
      await call(handler, '/api/search-misses', { body: { query: 'fees', page: '/search/' } }),
      400,
      'unknown_field',
      'page',
    );
    assertError(
      await call(handler, '/api/search-misses', {
        body: { query: 'fees' },
        headers: { origin: 'https://evil.example' },
      }),
      403,
      'cross_origin',
    );
    assertError(
      await call(handler, '/api/search-misses', { body: { query: 'fees' }, headers: { 'content-type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    );
    assertError(
      await call(handler, '/api/search-misses', { body: { query: 'f'.repeat(5000) } }),
      413,
      'body_too_large',
    );
    assertError(
      await call(handler, '/api/search-misses', { method: 'PUT', body: { query: 'fees' } }),
      405,
      'method_not_allowed',
    );
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the limit, per client and per endpoint', async () => {
    let time = 0;
    const { handler } = feedback({ limiter: createMemoryRateLimiter({ limit: 2, windowMs: 60_000, now: () => time }) });
    const body = { page, helpful: true };
    for (let i = 0; i < 2; i++)
      assert.equal((await call(handler, '/api/feedback', { body, clientId: 'a' })).status, 201);
    time = 15_000;
    const limited = await call(handler, '/api/feedback', { body, clientId: 'a' });
    assertError(limited, 429, 'rate_limited');
    assert.equal(limited.headers.get('retry-after'), '45');
    assert.match(limited.body.error.message, /Wait 45 seconds/);
    assert.equal((await call(handler, '/api/feedback', { body, clientId: 'b' })).status, 201, 'another client');
    assert.equal(
      (await call(handler, '/api/search-misses', { body: { query: 'x' }, clientId: 'a' })).status,
      204,
      'another endpoint',
    );
    assert.equal((await call(handler, '/api/feedback', { body })).status, 201, 'no client id: one shared allowance');
    assert.equal((await call(handler, '/api/feedback', { body })).status, 201);
    assert.equal((await call(handler, '/api/feedback', { body })).status, 429);
    time = 60_001;
    assert.equal((await call(handler, '/api/feedback', { body, clientId: 'a' })).status, 201, 'the window moved on');
  });

  it('limits to 10 a minute by default, and not at all with limiter: null', async () => {
    const limited = createFeedbackHandler({ store: createMemoryStore() });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await call(limited, '/api/search-misses', { body: { query: 'x' }, clientId: 'c' })).status);
    assert.deepEqual(statuses, [...Array(10).fill(204), 429]);
    const { handler } = feedback({ limiter: null });
    for (let i = 0; i < 30; i++)
      assert.equal((await call(handler, '/api/search-misses', { body: { query: 'x' }, clientId: 'c' })).status, 204);
  });

  it('counts refused requests before reading their body, so garbage also uses up the allowance', async () => {
    const { handler } = feedback({ limiter: createMemoryRateLimiter({ limit: 1, windowMs: 60_000 }) });
    assertError(await call(handler, '/api/feedback', { body: 'nonsense', clientId: 'd' }), 400, 'invalid_json');
    assertError(
      await call(handler, '/api/feedback', { body: { page, helpful: true }, clientId: 'd' }),
      429,
      'rate_limited',
    );
  });
});

describe('failures', () => {
  it('a failing store is a 500 with a plain message, logged without what the reader sent', async () => {
    const store = createMemoryStore();
    const { handler, logs } = feedback({
      store: {
        ...store,
        addFeedback() {
          throw new Error('SQLITE_FULL: database or disk is full');
        },
      },
    });
    const answer = await call(handler, '/api/feedback', { body: { page, helpful: false, comment: 'private words' } });
    assertError(answer, 500, 'internal_error');
    assert.doesNotMatch(answer.text, /SQLITE/);
    assert.deepEqual(logs, [
      '[feedback] POST /api/feedback → 500 internal_error: Error: SQLITE_FULL: database or disk is full',
    ]);
  });

  it('never answers garbage with a 5xx', async () => {
    const { handler, logs } = feedback();
    const statuses = new Set<number>();
    const json = fc.oneof(
      fc.json(),
      fc
        .record({ page: fc.string(), helpful: fc.jsonValue() }, { requiredKeys: [] })
        .map((body) => JSON.stringify(body)),
      fc
        .record(
          {
            page: fc.oneof(fc.constant(page), fc.string()),
            helpful: fc.boolean(),
            reason: fc.string(),
            comment: fc.string({ maxLength: 1200 }),
          },
          { requiredKeys: ['page', 'helpful'] },
        )
        .map((body) => JSON.stringify(body)),
      fc.record({ query: fc.oneof(fc.string(), fc.jsonValue()) }).map((body) => JSON.stringify(body)),
    );
    const body = fc.oneof(
      json,
      fc.string(),
      fc.uint8Array({ maxLength: 5000 }),
      fc.constant('['.repeat(4000)),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/feedback', '/api/search-misses', '/api/feedback/', '/api/nothing', '/api/feedback/%ZZ'),
        fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'PATCH'),
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'APPLICATION/JSON', ''),
        body,
        async (path, method, type, payload) => {
          const headers: Record<string, string> = type ? { 'content-type': type } : {};
          const init: RequestInit = { method, headers };
          if (payload !== null && method !== 'GET') init.body = payload as BodyInit;
          const response = await handler(new Request(`http://localhost${path}`, init), 'fuzz');
          statuses.add(response.status);
          assert.ok(response.status >= 200 && response.status < 500, `${method} ${path} → ${response.status}`);
          if (response.status >= 400) {
            const answer = (await response.json()) as { error: { code: string; message: string } };
            assert.equal(typeof answer.error.code, 'string');
            assert.equal(typeof answer.error.message, 'string');
          }
        },
      ),
      { numRuns: 400 },
    );
    assert.deepEqual(logs, []);
    for (const status of [400, 404, 405, 415]) assert.ok(statuses.has(status), `some requests got ${status}`);
  });
});

describe('near-valid feedback', () => {
  it('is either stored (201) or refused with a 400 naming a field', async () => {
    const { handler, store } = feedback();
    const statuses = new Set<number>();
    // Mostly valid values, each field now and then replaced by a wrong one, so both outcomes come up often.
    const sometimesWrong = <T>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<unknown>) =>
      fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: wrong, weight: 1 });
    const fields = fc.record(
      {
        page: sometimesWrong(
          fc.constantFrom('/', page, '/faq/#x', '/a?b=c'),
          fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('//x', 'https://x/', ' /a')),
        ),
        helpful: sometimesWrong(fc.constant(false), fc.constantFrom('true', 0, null, true)),
        reason: sometimesWrong(
          fc.constantFrom('missing_information', 'wrong', 'hard_to_follow', 'did_not_solve'),
          fc.string(),
        ),
        comment: sometimesWrong(
          fc.string({ maxLength: 1000 }),
          fc.oneof(fc.constant(null), fc.string({ minLength: 1001, maxLength: 1100 })),
        ),
      },
      { requiredKeys: ['page', 'helpful'] },
    );
    const body = sometimesWrong(
      fields,
      fields.map((input) => ({ ...input, extra: 'x' })),
    );
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const before = store.entries.length;
        const answer = await call(handler, '/api/feedback', { body: input });
        statuses.add(answer.status);
        if (answer.status === 201) {
          assert.equal(store.entries.length, before + 1);
          assert.ok(store.entries.at(-1)?.page.startsWith('/'));
        } else {
          assert.equal(answer.status, 400, answer.text);
          assert.equal(typeof answer.body.error.param, 'string', answer.text);
        }
      }),
      { numRuns: 300 },
    );
    assert.ok(statuses.has(201) && statuses.has(400));
  });
});

describe('createFeedbackHandlerFromEnv', () => {
  function dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'feedback-env-'));
    tempDirs.push(dir);
    return join(dir, 'data');
  }

  it('opens the SQLite database on the first request, not before', async () => {
    const dir = dataDir();
    const handler = createFeedbackHandlerFromEnv({ KB_DATA_DIR: dir, FEEDBACK_RATE_LIMIT: '0' });
    assert.equal(existsSync(dir), false, 'building the handler creates nothing');
    assert.equal((await call(handler, '/api/feedback', { body: { page, helpful: true } })).status, 201);
    assert.ok(existsSync(join(dir, 'feedback.sqlite')));
    await handler.close();
  });

  it('sizes the rate limit from FEEDBACK_RATE_LIMIT', async () => {
    const handler = createFeedbackHandlerFromEnv({ KB_DATA_DIR: dataDir(), FEEDBACK_RATE_LIMIT: '2' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call(handler, '/api/search-misses', { body: { query: 'x' }, clientId: 'e' })).status);
    assert.deepEqual(statuses, [204, 204, 429]);
    await handler.close();
  });

  it('refuses a malformed FEEDBACK_RATE_LIMIT at once', () => {
    for (const value of ['ten', '-1', '1.5', '10/min']) {
      assert.throws(() => createFeedbackHandlerFromEnv({ FEEDBACK_RATE_LIMIT: value }), ConfigError, value);
    }
  });

  it('without a lasting store, answers 503 saying to set DATABASE_URL, and logs that once', async () => {
    const logs: string[] = [];
    const handler = createFeedbackHandler({
      store: unavailableStore((line) => logs.push(line)),
      log: (line) => logs.push(line),
    });
    for (const [path, body] of [
      ['/api/feedback', { page, helpful: true }],
      ['/api/search-misses', { query: 'iban' }],
      ['/api/feedback', { page, helpful: false }],
    ] as const) {
      const response = await call(handler, path, { body });
      assertError(response, 503, 'feedback_unavailable');
      assert.match(response.body.error.message, /DATABASE_URL/);
      assert.equal(response.headers.get('retry-after'), '3600');
    }
    assert.equal(logs.length, 1);
    assert.match(logs[0] ?? '', /No DATABASE_URL .*npm run migrate/);
    await handler.close();
  });

  it('a store that fails to open gives a 500 and is tried again on the next request', async () => {
    let attempts = 0;
    const store = lazyStore(() => {
      attempts += 1;
      if (attempts === 1) throw new Error('EACCES: permission denied, mkdir');
      return createMemoryStore();
    });
    const { handler, logs } = feedback({ store });
    assertError(await call(handler, '/api/feedback', { body: { page, helpful: true } }), 500, 'internal_error');
    assert.equal((await call(handler, '/api/feedback', { body: { page, helpful: true } })).status, 201);
    assert.equal((await call(handler, '/api/feedback', { body: { page, helpful: true } })).status, 201);
    assert.equal(attempts, 2);
    assert.equal(logs.length, 1);
    assert.equal((await store.report()).pages[0]?.helpful, 2);
    await handler.close();
  });
});
