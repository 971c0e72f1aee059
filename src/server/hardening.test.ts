/**
 * Both functions deployed behind a proxy, and what they tell clients and operators when something goes wrong:
 * settings from the environment, never trusting forwarded headers unless told to, limits that quote themselves,
 * logs without keys, and a memory store that can't grow without bound.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { createDemoHandler, createMemoryRateLimiter } from './demo/index.ts';
import { createFeedbackHandler, createFeedbackHandlerFromEnv, createMemoryStore } from './feedback/index.ts';

let emulator: Emulator;
let dataDir: string;
before(async () => {
  emulator = await startEmulator();
  dataDir = mkdtempSync(join(tmpdir(), 'kb-hardening-'));
});
after(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** What a request looks like after a proxy: the server sees its own address, the proxy adds the reader's. */
function proxied(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://127.0.0.1:4321${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const payment = { amount: 2000 };
const feedback = { page: '/refunds/partial-refunds/', helpful: true };
/** Every request arrives from the proxy's address. */
const proxyAddress = '10.0.0.2';

/** Creates a payment through the proxy once per set of forwarded headers, in order; the statuses the demo gave. */
async function paymentStatuses(
  demo: ReturnType<typeof createDemoHandler>,
  forwarded: Record<string, string>[],
): Promise<number[]> {
  const statuses: number[] = [];
  for (const headers of forwarded)
    statuses.push((await demo(proxied('/api/demo/payments', payment, headers), proxyAddress)).status);
  return statuses;
}

const forwardedFor = (address: string) => ({ 'x-forwarded-for': address });

describe('behind a proxy', () => {
  it('the demo takes the client from X-Forwarded-For with TRUST_PROXY, so readers get a bucket each', async () => {
    const demo = createDemoHandler({
      env: { STRIPE_EMULATOR_URL: emulator.url, DEMO_RATE_LIMIT: '1', TRUST_PROXY: '1' },
      log: () => {},
    });
    const readers = ['198.51.100.7', '203.0.113.9', '198.51.100.7'].map(forwardedFor);
    assert.deepEqual(await paymentStatuses(demo, readers), [201, 201, 429]);
    await demo.close();
  });

  it('trusts only as many hops as TRUST_PROXY says: what the client wrote itself is not its address', async () => {
    const demo = createDemoHandler({
      env: { STRIPE_EMULATOR_URL: emulator.url, DEMO_RATE_LIMIT: '1', TRUST_PROXY: '1' },
      log: () => {},
    });
    // The client sends its own X-Forwarded-For; the one proxy appends the address it really saw.
    const spoofed = (claim: string) => ({ 'x-forwarded-for': `${claim}, 198.51.100.7` });
    assert.deepEqual(await paymentStatuses(demo, [spoofed('1.1.1.1'), spoofed('2.2.2.2')]), [201, 429]);
    await demo.close();
  });

  it('reads the standard Forwarded header too', async () => {
    const demo = createDemoHandler({
      env: { STRIPE_EMULATOR_URL: emulator.url, DEMO_RATE_LIMIT: '1', TRUST_PROXY: 'true' },
      log: () => {},
    });
    const forwarded = (address: string) => ({ forwarded: `for="${address}";proto=https` });
    const readers = ['[2001:db8::1]:4711', '[2001:db8::2]:4711', '[2001:db8::1]:9999'].map(forwarded);
    assert.deepEqual(await paymentStatuses(demo, readers), [201, 201, 429]);
    await demo.close();
  });

  it('never trusts forwarded headers by default: one address, one bucket, whatever the headers claim', async () => {
    const demo = createDemoHandler({ env: { STRIPE_EMULATOR_URL: emulator.url, DEMO_RATE_LIMIT: '1' }, log: () => {} });
    const readers = ['198.51.100.7', '203.0.113.9'].map(forwardedFor);
    assert.deepEqual(await paymentStatuses(demo, readers), [201, 429]);
    await demo.close();
  });

  it('the demo accepts POSTs from the public origins in DEMO_ALLOWED_ORIGINS, and still refuses others', async () => {
    const demo = createDemoHandler({
      env: {
        STRIPE_EMULATOR_URL: emulator.url,
        DEMO_RATE_LIMIT: '0',
        DEMO_ALLOWED_ORIGINS: 'https://help.example.com',
      },
      log: () => {},
    });
    const ours = await demo(
      proxied('/api/demo/payments', payment, { origin: 'https://help.example.com' }),
      proxyAddress,
    );
    assert.equal(ours.status, 201, await ours.clone().text());
    const theirs = await demo(proxied('/api/demo/payments', payment, { origin: 'https://evil.example' }), proxyAddress);
    assert.equal(theirs.status, 403);
    await demo.close();
  });

  it('feedback and search misses follow the same settings', async () => {
    const handler = createFeedbackHandlerFromEnv({
      KB_DATA_DIR: dataDir,
      FEEDBACK_RATE_LIMIT: '1',
      TRUST_PROXY: '1',
      DEMO_ALLOWED_ORIGINS: 'https://help.example.com',
    });
    const from = (address: string) => ({ 'x-forwarded-for': address, origin: 'https://help.example.com' });
    const statuses = [
      (await handler(proxied('/api/feedback', feedback, from('198.51.100.7')), proxyAddress)).status,
      (await handler(proxied('/api/feedback', feedback, from('203.0.113.9')), proxyAddress)).status,
      (await handler(proxied('/api/feedback', feedback, from('198.51.100.7')), proxyAddress)).status,
      (await handler(proxied('/api/search-misses', { query: 'chargeback fee' }, from('198.51.100.7')), proxyAddress))
        .status,
    ];
    assert.deepEqual(statuses, [201, 201, 429, 204]);
    await handler.close();
  });
});

describe('rate-limit messages', () => {
  it('quote the limit of the limiter that refused, not the DEMO_RATE_LIMIT default', async () => {
    const demo = createDemoHandler({
      env: { STRIPE_EMULATOR_URL: emulator.url },
      limiters: { actions: createMemoryRateLimiter({ limit: 2, windowMs: 60_000 }) },
      log: () => {},
    });
    for (let i = 0; i < 2; i++)
      assert.equal((await demo(proxied('/api/demo/payments', payment), 'reader')).status, 201);
    const refused = await demo(proxied('/api/demo/payments', payment), 'reader');
    assert.equal(refused.status, 429);
    const { error } = await refused.json();
    assert.match(error.message, /limit of 2 actions a minute/);
    await demo.close();
  });

  it('feedback quotes the limit it applied too', async () => {
    const handler = createFeedbackHandler({
      store: createMemoryStore(),
      limiter: createMemoryRateLimiter({ limit: 3, windowMs: 60_000 }),
      log: () => {},
    });
    for (let i = 0; i < 3; i++) assert.equal((await handler(proxied('/api/feedback', feedback), 'reader')).status, 201);
    const refused = await handler(proxied('/api/feedback', feedback), 'reader');
    assert.equal(refused.status, 429);
    assert.match((await refused.json()).error.message, /The limit is 3 posts a minute\./);
  });
});

describe('failure logs', () => {
  it('feedback redacts Stripe keys from a failing store’s error, as the demo does', async () => {
    const key = `sk_test_${'Redact9'.repeat(4)}`;
    const logs: string[] = [];
    const store = createMemoryStore();
    const handler = createFeedbackHandler({
      store: {
        ...store,
        addFeedback: () => {
          throw new Error(`could not reach the database with ${key} and whsec_${'Hook7'.repeat(4)}`);
        },
      },
      limiter: null,
      log: (line) => logs.push(line),
    });
    assert.equal((await handler(proxied('/api/feedback', feedback))).status, 500);
    assert.equal(logs.length, 1);
    assert.ok(!logs[0]?.includes('Redact9'), logs[0]);
    assert.ok(!logs[0]?.includes('Hook7'), logs[0]);
    assert.match(logs[0] ?? '', /sk_test_\[redacted\]/);
  });
});

describe('the memory feedback store', () => {
  it('keeps at most its cap of answers and search counts, dropping the oldest', async () => {
    const store = createMemoryStore({ maxFeedback: 3, maxSearchMisses: 2 });
    for (let i = 1; i <= 5; i++)
      await store.addFeedback({ page: `/p${i}/`, helpful: true, comment: `c${i}`, day: '2026-12-01' });
    for (const query of ['a', 'b', 'a', 'c']) await store.addSearchMiss(query, '2026-12-01');
    const report = await store.report();
    assert.deepEqual(report.pages.map(({ page }) => page).sort(), ['/p3/', '/p4/', '/p5/']);
    assert.deepEqual(
      report.comments.map(({ comment }) => comment),
      ['c5', 'c4', 'c3'],
    );
    assert.deepEqual(report.misses, [
      { query: 'a', count: 2 },
      { query: 'c', count: 1 },
    ]);
  });

  it('has a cap by default', async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 10_050; i++) await store.addSearchMiss(`query ${i}`, '2026-12-01');
    const { misses } = await store.report({ limit: 20_000 });
    assert.ok(misses.length <= 10_000, `${misses.length} queries kept`);
  });
});
