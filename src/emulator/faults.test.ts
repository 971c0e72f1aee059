/** Injected faults, seen through the SDK: what a client's retry logic has to survive. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { startEmulator, type Emulator } from './index.ts';
import { eventually } from './test-support.ts';

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator({ faults: [{ kind: 'error', status: 503, path: '/v1/balance_transactions' }] });
});
after(() => emulator.close());

function client(settings: Stripe.StripeConfig = {}): Stripe {
  return new Stripe('sk_test_faults', { host: '127.0.0.1', port: emulator.port, protocol: 'http', ...settings });
}

async function paymentIntent(stripe: Stripe): Promise<string> {
  const intent = await stripe.paymentIntents.create({
    amount: 5000,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    confirm: true,
    allowed_payment_method_types: ['card'],
  });
  return intent.id;
}

async function refundCount(stripe: Stripe, paymentIntentId: string): Promise<number> {
  return (await stripe.refunds.list({ payment_intent: paymentIntentId })).data.length;
}

describe('faults', () => {
  it('applies faults given at start', async () => {
    const error = await client({ maxNetworkRetries: 0 })
      .balanceTransactions.retrieve('txn_any')
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof Stripe.errors.StripeAPIError);
    assert.equal(error.statusCode, 503);
  });

  it('a 500 is retried by the SDK and the refund is made once', async () => {
    const stripe = client({ maxNetworkRetries: 1 });
    const id = await paymentIntent(stripe);
    emulator.injectFaults({ kind: 'error', status: 500, method: 'POST', path: '/v1/refunds' });
    const refund = await stripe.refunds.create({ payment_intent: id, amount: 100 });
    assert.equal(refund.status, 'succeeded');
    assert.equal(await refundCount(stripe, id), 1);
  });

  it('a 429 reaches the caller as a rate-limit error', async () => {
    const stripe = client({ maxNetworkRetries: 1 });
    emulator.injectFaults({ kind: 'error', status: 429, path: '/v1/refunds' });
    const error = await stripe.refunds.list().catch((caught: unknown) => caught);
    assert.ok(error instanceof Stripe.errors.StripeRateLimitError);
    assert.equal(error.code, 'rate_limit');
  });

  it('a response lost after the refund was made is retried with the same key and replayed, not repeated', async () => {
    const stripe = client({ maxNetworkRetries: 1 });
    const id = await paymentIntent(stripe);
    emulator.injectFaults({ kind: 'drop', after: true, method: 'POST', path: '/v1/refunds' });
    const refund = await stripe.refunds.create({ payment_intent: id, amount: 100 });
    assert.equal(refund.lastResponse.headers['idempotent-replayed'], 'true');
    assert.equal(await refundCount(stripe, id), 1);
  });

  it('a connection dropped before the change is retried and applied once', async () => {
    const stripe = client({ maxNetworkRetries: 1 });
    const id = await paymentIntent(stripe);
    emulator.injectFaults({ kind: 'drop', method: 'POST', path: '/v1/refunds' });
    await stripe.refunds.create({ payment_intent: id, amount: 100 });
    assert.equal(await refundCount(stripe, id), 1);
  });

  it('a delay past the client’s timeout surfaces as a connection error; the request still lands later', async () => {
    const stripe = client({ maxNetworkRetries: 0, timeout: 100 });
    const id = await paymentIntent(stripe);
    emulator.injectFaults({ kind: 'delay', ms: 300, method: 'POST', path: '/v1/refunds' });
    const error = await stripe.refunds.create({ payment_intent: id, amount: 100 }).catch((caught: unknown) => caught);
    assert.ok(error instanceof Stripe.errors.StripeConnectionError);
    assert.match(error.message, /timeout/);
    // The emulator applies the request once the delay is over, after the client gave up.
    await eventually(async () => (await refundCount(stripe, id)) === 1);
  });
});
