/**
 * The Stripe key never leaves the server: not in an error at start-up, not in an answer's body or headers, not
 * in a log line. With a test key the demo talks to real Stripe, which these tests can't reach (and don't
 * pretend to: nothing is mocked), so every request that needs Stripe fails — which is the case to check.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDemoHandler, DemoConfigError } from './index.ts';
import { assertRefusal, demoRequest, send, type Answer } from './test-support.ts';

const secret = 'x'.repeat(24);
const testKey = `sk_test_${secret}`;

function assertNoKey(text: string, key: string, where: string): void {
  assert.ok(!text.includes(key.trim()), `${where} contains the key`);
  const secretPart = /[A-Za-z0-9]{12,}/.exec(key)?.[0] ?? assert.fail(`no secret part in ${key}`);
  assert.ok(!text.includes(secretPart.slice(0, 12)), `${where} contains part of the key`);
}

function everythingSent(answer: Answer): string {
  return `${answer.text}\n${[...answer.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}`;
}

describe('the Stripe key stays secret', () => {
  it('a live or malformed key stops the handler from being built, and the error doesn’t quote it', () => {
    for (const key of [
      `sk_live_${secret}`,
      `rk_live_${'Live9'.repeat(10)}`,
      `sk_live_${secret} `,
      `sk_tset_${secret}`,
      `pk_test_${secret}`,
      `${secret}sk_test_`,
    ]) {
      assert.throws(
        () => createDemoHandler({ env: { STRIPE_SECRET_KEY: key }, log: () => assert.fail('nothing is logged at start') }),
        (error: unknown) => {
          assert.ok(error instanceof DemoConfigError, String(error));
          assertNoKey(`${error.message}\n${error.stack}`, key, 'the error');
          return true;
        },
        key,
      );
    }
  });

  it('with a test key and Stripe out of reach, every route answers 503 quickly and nothing shows the key', async () => {
    const logs: string[] = [];
    const handler = createDemoHandler({
      env: { STRIPE_SECRET_KEY: testKey },
      stripe: { timeoutMs: 500, maxNetworkRetries: 0 },
      log: (line) => logs.push(line),
    });
    assert.equal(handler.mode, 'test');
    const requests = [
      demoRequest('/api/demo/payments', { body: { amount: 2500 } }),
      demoRequest('/api/demo/payments/pi_3Qx9yTestPayment'),
      demoRequest('/api/demo/payments/pi_3Qx9yTestPayment/refunds', { body: { amount: 500 }, headers: { 'idempotency-key': 'k1' } }),
      demoRequest('/api/demo/refunds/re_3Qx9yTestRefund/cancel', { method: 'POST' }),
    ];
    for (const request of requests) {
      const answer = await send(handler, request, 'reader', 3000);
      // Out of reach (no network here) is stripe_unavailable; reached, Stripe refuses the made-up key: demo_unavailable.
      assertRefusal(answer, { statuses: [503] });
      assert.ok(['stripe_unavailable', 'demo_unavailable'].includes(answer.body.error.code), answer.text);
      assert.ok(answer.ms < 2500, `answered in ${Math.round(answer.ms)} ms`);
      assertNoKey(everythingSent(answer), testKey, `the answer to ${request.method} ${request.url}`);
    }
    // Refusals that never reach Stripe don't show it either.
    for (const request of [
      demoRequest('/api/demo/payments', { body: { amount: 1 } }),
      demoRequest('/api/demo/payments/not-an-id'),
      demoRequest('/api/demo/nowhere'),
    ]) {
      const answer = await send(handler, request, 'reader');
      assertRefusal(answer);
      assertNoKey(everythingSent(answer), testKey, `the answer to ${request.method} ${request.url}`);
    }
    assert.equal(logs.length, requests.length, 'each failure is logged once');
    for (const line of logs) assertNoKey(line, testKey, 'a log line');
    await handler.close();
  });
});
