/**
 * The Stripe key never leaves the server: not in an error at start-up, not in an answer's body or headers, not
 * in a log line. It goes to Stripe only: here a local stand-in in Stripe's place, which records what it is sent
 * and refuses the key (echoing it, as the worst case), or is closed, so every request that needs Stripe fails —
 * which is the case to check — without any network.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, createDemoHandler } from './index.ts';
import { assertRefusal, demoRequest, send, startStripeStandIn, type Answer } from './test-support.ts';

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
        () =>
          createDemoHandler({ env: { STRIPE_SECRET_KEY: key }, log: () => assert.fail('nothing is logged at start') }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError, String(error));
          assertNoKey(`${error.message}\n${error.stack}`, key, 'the error');
          return true;
        },
        key,
      );
    }
  });

  for (const [situation, code] of [
    ['refuses the key', 'demo_unavailable'],
    ['is out of reach', 'stripe_unavailable'],
  ] as const) {
    it(`with a test key and Stripe that ${situation}, every route answers 503 ${code} quickly and only Stripe sees the key`, async () => {
      const stripe = await startStripeStandIn();
      const reachable = situation === 'refuses the key';
      // Out of reach: nothing listens at Stripe's address any more, so every connection is refused.
      if (!reachable) await stripe.close();
      const logs: string[] = [];
      const handler = createDemoHandler({
        env: { STRIPE_SECRET_KEY: testKey },
        stripe: { timeoutMs: 500, maxNetworkRetries: 0, apiUrl: stripe.url },
        log: (line) => logs.push(line),
      });
      assert.equal(handler.mode, 'test');
      const requests = [
        demoRequest('/api/demo/payments', { body: { amount: 2500 } }),
        demoRequest('/api/demo/payments/pi_3Qx9yTestPayment'),
        demoRequest('/api/demo/payments/pi_3Qx9yTestPayment/refunds', {
          body: { amount: 500 },
          headers: { 'idempotency-key': 'k1' },
        }),
        demoRequest('/api/demo/refunds/re_3Qx9yTestRefund/cancel', { method: 'POST' }),
      ];
      for (const request of requests) {
        const answer = await send(handler, request, 'reader', 3000);
        assertRefusal(answer, { statuses: [503] });
        assert.equal(answer.body.error.code, code, answer.text);
        assert.ok(answer.ms < 2500, `answered in ${Math.round(answer.ms)} ms`);
        assertNoKey(everythingSent(answer), testKey, `the answer to ${request.method} ${request.url}`);
      }
      // The key went where it belongs, once per request, and nowhere in what was sent besides the header.
      assert.equal(stripe.requests.length, reachable ? requests.length : 0);
      for (const recorded of stripe.requests) {
        assert.equal(recorded.authorization, `Bearer ${testKey}`);
        assertNoKey(`${recorded.path}\n${recorded.body}`, testKey, `the request to ${recorded.path}`);
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
      assert.equal(stripe.requests.length, reachable ? requests.length : 0, 'a refused request costs Stripe nothing');
      assert.equal(logs.length, requests.length, 'each failure is logged once');
      for (const line of logs) assertNoKey(line, testKey, 'a log line');
      await handler.close();
      if (reachable) await stripe.close();
    });
  }
});
