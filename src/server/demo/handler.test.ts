/**
 * The demo end to end: the handler, the real `stripe` SDK, and the emulator over HTTP. Every route, every
 * scenario, every refusal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { startEmulator, type Emulator } from '../../emulator/index.ts';
import { eventually } from '../../emulator/test-support.ts';
import { demoTag } from './actions.ts';
import {
  ConfigError,
  createDemoHandler,
  type DemoHandler,
  type DemoHandlerOptions,
  type DemoPayment,
} from './index.ts';

const refundDelayMs = 100;
let emulator: Emulator;
let stripe: Stripe;
let handler: DemoHandler;
const logs: string[] = [];

before(async () => {
  emulator = await startEmulator({ refundDelayMs });
  stripe = new Stripe('sk_test_emulator', { host: '127.0.0.1', port: emulator.port, protocol: 'http' });
  handler = demo();
});
after(() => emulator.close());

function demo(options: DemoHandlerOptions = {}, env: Record<string, string> = {}): DemoHandler {
  return createDemoHandler({
    env: { STRIPE_EMULATOR_URL: emulator.url, DEMO_RATE_LIMIT: '0', ...env },
    log: (line) => logs.push(line),
    ...options,
  });
}

interface Call {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  clientId?: string;
  on?: DemoHandler;
}

interface Answer {
  status: number;
  headers: Headers;
  // The tests read whatever the demo answered; its shape is what they check.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test asserts the fields it reads
  body: any;
}

async function call(path: string, { method, body, headers = {}, clientId, on = handler }: Call = {}): Promise<Answer> {
  const init: RequestInit = { method: method ?? (body === undefined ? 'GET' : 'POST'), headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { 'content-type': 'application/json', ...headers };
  }
  const response = await on(new Request(`http://localhost${path}`, init), clientId);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function createPayment(body: object = { amount: 10_000 }): Promise<DemoPayment> {
  const answer = await call('/api/demo/payments', { body });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body.payment;
}

function refund(id: string, body: object = {}, headers: Record<string, string> = {}): Promise<Answer> {
  return call(`/api/demo/payments/${id}/refunds`, { body, headers });
}

function assertError(answer: Answer, status: number, code: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(answer.body.error.code, code);
  assert.equal(typeof answer.body.error.message, 'string');
  assert.ok(answer.body.error.message.length > 20, 'the message explains');
}

describe('POST /api/demo/payments', () => {
  it('creates a succeeded test payment with Stripe’s fee and net', async () => {
    const payment = await createPayment({ amount: 10_000 });
    assert.match(payment.id, /^pi_/);
    assert.deepEqual(
      { ...payment, id: undefined },
      {
        id: undefined,
        amount: 10_000,
        currency: 'usd',
        status: 'succeeded',
        fee: 320,
        net: 9680,
        balance_currency: 'usd',
        amount_refunded: 0,
        refundable: 10_000,
        disputed: false,
        refunds: [],
      },
    );
    const intent = await stripe.paymentIntents.retrieve(payment.id);
    assert.equal(intent.metadata.demo, demoTag);
    assert.equal(intent.metadata.scenario, 'succeeds');
  });

  it('takes eur and gbp', async () => {
    assert.equal((await createPayment({ amount: 5000, currency: 'eur' })).currency, 'eur');
    assert.equal((await createPayment({ amount: 5000, currency: 'gbp' })).currency, 'gbp');
  });

  it('answers a declined card with 402 card_declined, in plain words', async () => {
    const answer = await call('/api/demo/payments', { body: { amount: 2000, scenario: 'declined' } });
    assertError(answer, 402, 'card_declined');
    assert.match(answer.body.error.message, /nothing to refund/);
  });

  it('marks a disputed payment as not refundable', async () => {
    const payment = await createPayment({ amount: 2000, scenario: 'disputed' });
    assert.equal(payment.disputed, true);
    assert.equal(payment.refundable, 0);
  });

  it('refuses invalid bodies with 400 naming the field', async () => {
    for (const [body, param] of [
      [{ amount: 2000, color: 'red' }, 'color'],
      [{ amount: '2000' }, 'amount'],
      [{ amount: 10 }, 'amount'],
      [{ amount: 2000, currency: 'cad' }, 'currency'],
      [{}, 'amount'],
    ] as const) {
      const answer = await call('/api/demo/payments', { body });
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.error.param, param);
    }
  });
});

describe('GET /api/demo/payments/:id', () => {
  it('shows a demo payment with its refunds, newest first', async () => {
    const payment = await createPayment({ amount: 3000 });
    const first = (await refund(payment.id, { amount: 500 })).body.refund;
    const second = (await refund(payment.id, { amount: 700, reason: 'duplicate' })).body.refund;
    const answer = await call(`/api/demo/payments/${payment.id}`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.payment.amount_refunded, 1200);
    assert.equal(answer.body.payment.refundable, 1800);
    assert.deepEqual(
      answer.body.payment.refunds.map((r: { id: string }) => r.id),
      [second.id, first.id],
    );
    assert.equal(answer.body.payment.refunds[0].reason, 'duplicate');
    assert.equal(answer.headers.get('cache-control'), 'no-store');
  });

  it('answers 404 for unknown, malformed and non-demo ids alike', async () => {
    const outsider = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      allowed_payment_method_types: ['card'],
    });
    for (const id of ['pi_doesNotExist', 'not-an-id', 'pi_..%2F..%2Fv1%2Fcustomers', outsider.id]) {
      assertError(await call(`/api/demo/payments/${id}`), 404, 'not_found');
    }
    assertError(await refund(outsider.id, {}), 404, 'not_found');
    assert.equal(
      (await stripe.charges.retrieve(String(outsider.latest_charge))).amount_refunded,
      0,
      'nothing was refunded',
    );
  });
});

describe('POST /api/demo/payments/:id/refunds', () => {
  it('refunds part, then by default everything that is left', async () => {
    const payment = await createPayment({ amount: 4000 });
    const partial = await refund(payment.id, { amount: 1500, reason: 'requested_by_customer' });
    assert.equal(partial.status, 201);
    assert.deepEqual(
      { ...partial.body.refund, id: undefined, created: undefined },
      { id: undefined, created: undefined, amount: 1500, status: 'succeeded', reason: 'requested_by_customer' },
    );
    assert.equal(partial.body.payment.refundable, 2500);
    const rest = await refund(payment.id);
    assert.equal(rest.body.refund.amount, 2500);
    assert.equal(rest.body.payment.amount_refunded, 4000);
    assert.equal(rest.body.payment.refundable, 0);
    assert.equal(rest.body.payment.fee, 146, 'the fee stays with Stripe');
  });

  it('keeps "other" and its note in the refund’s metadata, sending Stripe no reason', async () => {
    const payment = await createPayment({ amount: 2000 });
    const answer = await refund(payment.id, { amount: 100, reason: 'other', note: 'Sent the wrong size' });
    assert.equal(answer.body.refund.reason, 'other');
    const stored = await stripe.refunds.retrieve(answer.body.refund.id);
    assert.equal(stored.reason, null);
    assert.deepEqual(stored.metadata, { demo: demoTag, reason: 'other', note: 'Sent the wrong size' });
    assertError(await refund(payment.id, { reason: 'other' }), 400, 'invalid_field');
  });

  it('refuses an over-refund with 400, saying how much is left', async () => {
    const payment = await createPayment({ amount: 2500 });
    await refund(payment.id, { amount: 1500 });
    const answer = await refund(payment.id, { amount: 2500 });
    assertError(answer, 400, 'amount_too_large');
    assert.equal(answer.body.error.param, 'amount');
    assert.match(answer.body.error.message, /refund \$25\.00, but only \$10\.00/);
  });

  it('refuses a fully refunded payment with 409 already_refunded', async () => {
    const payment = await createPayment({ amount: 900 });
    await refund(payment.id);
    assertError(await refund(payment.id), 409, 'already_refunded');
    assertError(await refund(payment.id, { amount: 100 }), 409, 'already_refunded');
  });

  it('refuses a disputed payment with 409 payment_disputed', async () => {
    const payment = await createPayment({ amount: 2000, scenario: 'disputed' });
    assertError(await refund(payment.id, { amount: 500 }), 409, 'payment_disputed');
  });

  it('refuses a payment that never went through with 409', async () => {
    const declined = await stripe.paymentIntents
      .create({
        amount: 2000,
        currency: 'usd',
        payment_method: 'pm_card_chargeDeclined',
        confirm: true,
        allowed_payment_method_types: ['card'],
        metadata: { demo: demoTag },
      })
      .catch((error: Stripe.errors.StripeError) => error.payment_intent);
    assertError(await refund(String(declined?.id)), 409, 'payment_not_refundable');
  });

  it('shows a pending refund, then its success', async () => {
    const payment = await createPayment({ amount: 2000, scenario: 'refund_pending' });
    const answer = await refund(payment.id, { amount: 800 });
    assert.equal(answer.body.refund.status, 'pending');
    assert.equal(answer.body.payment.amount_refunded, 800);
    await eventually(
      async () => (await call(`/api/demo/payments/${payment.id}`)).body.payment.refunds[0].status !== 'pending',
    );
    const later = await call(`/api/demo/payments/${payment.id}`);
    assert.equal(later.body.payment.refunds[0].status, 'succeeded');
  });

  it('shows a refund that succeeds, then fails and gives the money back', async () => {
    const payment = await createPayment({ amount: 2000, scenario: 'refund_fails' });
    const answer = await refund(payment.id, { amount: 800 });
    assert.equal(answer.body.refund.status, 'succeeded');
    await eventually(
      async () => (await call(`/api/demo/payments/${payment.id}`)).body.payment.refunds[0].status !== 'succeeded',
    );
    const later = (await call(`/api/demo/payments/${payment.id}`)).body.payment;
    assert.equal(later.refunds[0].status, 'failed');
    assert.equal(later.refunds[0].failure_reason, 'expired_or_canceled_card');
    assert.equal(later.amount_refunded, 0);
    assert.equal(later.refundable, 2000);
  });

  it('lists every refund of a payment with more than one page of them', async () => {
    const payment = await createPayment({ amount: 1500 });
    for (let i = 0; i < 12; i++) await refund(payment.id, { amount: 100 });
    const refunds = (await call(`/api/demo/payments/${payment.id}`)).body.payment.refunds;
    assert.equal(refunds.length, 12);
  });
});

describe('idempotency', () => {
  it('makes one refund for the same Idempotency-Key sent twice', async () => {
    const payment = await createPayment({ amount: 2000 });
    const headers = { 'idempotency-key': 'refund-once' };
    const first = await refund(payment.id, { amount: 300 }, headers);
    const second = await refund(payment.id, { amount: 300 }, headers);
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.equal(second.body.refund.id, first.body.refund.id);
    const listed = await stripe.refunds.list({ payment_intent: payment.id });
    assert.equal(listed.data.length, 1);
  });

  it('refuses the same key for a different request with 409', async () => {
    const payment = await createPayment({ amount: 2000 });
    const headers = { 'idempotency-key': 'reused-key' };
    await refund(payment.id, { amount: 300 }, headers);
    assertError(await refund(payment.id, { amount: 400 }, headers), 409, 'idempotency_key_reused');
  });

  it('keeps one reader’s key from touching another reader’s request', async () => {
    const payment = await createPayment({ amount: 2000 });
    const headers = { 'idempotency-key': 'shared-key' };
    const a = await call(`/api/demo/payments/${payment.id}/refunds`, {
      body: { amount: 100 },
      headers,
      clientId: 'reader-a',
    });
    const b = await call(`/api/demo/payments/${payment.id}/refunds`, {
      body: { amount: 100 },
      headers,
      clientId: 'reader-b',
    });
    assert.notEqual(a.body.refund.id, b.body.refund.id);
  });

  it('refuses a malformed key', async () => {
    const payment = await createPayment({ amount: 2000 });
    assertError(await refund(payment.id, {}, { 'idempotency-key': 'k'.repeat(256) }), 400, 'invalid_idempotency_key');
  });

  it('passes the key to Stripe for payments too', async () => {
    const headers = { 'idempotency-key': 'pay-once' };
    const first = await call('/api/demo/payments', { body: { amount: 1000 }, headers });
    const second = await call('/api/demo/payments', { body: { amount: 1000 }, headers });
    assert.equal(second.body.payment.id, first.body.payment.id);
  });
});

describe('concurrency', () => {
  it('50 parallel partial refunds never exceed the payment', async () => {
    const payment = await createPayment({ amount: 3000 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => refund(payment.id, { amount: 100 })));
    const made = answers.filter((answer) => answer.status === 201);
    assert.equal(made.length, 30);
    for (const answer of answers.filter((a) => a.status !== 201)) assertError(answer, 409, 'already_refunded');
    const final = (await call(`/api/demo/payments/${payment.id}`)).body.payment;
    assert.deepEqual([final.amount_refunded, final.refundable, final.refunds.length], [3000, 0, 30]);
  });
});

/** A payment made straight with Stripe whose refunds wait for action: the demo's tag in `metadata` makes it the demo's. */
function paymentWithRefundsNeedingAction(amount: number, metadata: Record<string, string> = {}) {
  return stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    payment_method: 'pm_card_refundRequiresAction',
    confirm: true,
    allowed_payment_method_types: ['card'],
    metadata,
  });
}

describe('POST /api/demo/refunds/:id/cancel', () => {
  it('cancels a refund waiting for action and gives the amount back', async () => {
    // No demo scenario reaches requires_action (card refunds never do); the emulator's own test card does.
    const intent = await paymentWithRefundsNeedingAction(3000, { demo: demoTag });
    const made = await refund(intent.id, { amount: 1000 });
    assert.equal(made.body.refund.status, 'requires_action');
    const answer = await call(`/api/demo/refunds/${made.body.refund.id}/cancel`, { method: 'POST' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.refund.status, 'canceled');
    assert.equal(answer.body.payment.id, intent.id);
    assert.equal(answer.body.payment.amount_refunded, 0);
    assert.equal(answer.body.payment.refundable, 3000);
  });

  it('refuses to cancel a card refund with 409, saying why', async () => {
    const payment = await createPayment({ amount: 2000 });
    const made = await refund(payment.id, { amount: 500 });
    const answer = await call(`/api/demo/refunds/${made.body.refund.id}/cancel`, { body: {} });
    assertError(answer, 409, 'refund_not_cancelable');
    assert.match(answer.body.error.message, /status is succeeded/);
  });

  it('answers 404 for unknown and non-demo refunds', async () => {
    const outsider = await paymentWithRefundsNeedingAction(2000);
    const foreign = await stripe.refunds.create({ payment_intent: outsider.id });
    assertError(await call(`/api/demo/refunds/${foreign.id}/cancel`, { method: 'POST' }), 404, 'not_found');
    assert.equal((await stripe.refunds.retrieve(foreign.id)).status, 'requires_action', 'the refund was left alone');
    assertError(await call('/api/demo/refunds/re_doesNotExist/cancel', { method: 'POST' }), 404, 'not_found');
  });
});

describe('HTTP rules', () => {
  it('answers unknown routes with 404 JSON and wrong methods with 405 and Allow', async () => {
    assertError(await call('/api/demo/nothing'), 404, 'not_found');
    const wrong = await call('/api/demo/payments');
    assertError(wrong, 405, 'method_not_allowed');
    assert.equal(wrong.headers.get('allow'), 'POST');
    assert.equal((await call('/api/demo/payments/pi_123', { method: 'DELETE' })).headers.get('allow'), 'GET');
  });

  it('refuses cross-origin POSTs with 403 and allows same-origin and Origin-less ones', async () => {
    const body = { amount: 2000 };
    assertError(
      await call('/api/demo/payments', { body, headers: { origin: 'https://evil.example' } }),
      403,
      'cross_origin',
    );
    assertError(
      await call('/api/demo/payments', { body, headers: { 'sec-fetch-site': 'cross-site' } }),
      403,
      'cross_origin',
    );
    const same = await call('/api/demo/payments', {
      body,
      headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
    });
    assert.equal(same.status, 201);
    assert.equal((await call('/api/demo/payments', { body })).status, 201);
  });

  it('refuses bodies over 4 KB with 413 and non-JSON bodies with 415', async () => {
    assertError(
      await call('/api/demo/payments', { body: { amount: 2000, padding: 'x'.repeat(5000) } }),
      413,
      'body_too_large',
    );
    assertError(
      await call('/api/demo/payments', {
        body: 'amount=2000',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'unsupported_media_type',
    );
    assertError(await call('/api/demo/payments', { body: '{"amount": 20' }), 400, 'invalid_json');
  });

  it('limits each client’s actions per minute with 429 and Retry-After', async () => {
    const limited = demo({}, { DEMO_RATE_LIMIT: '2' });
    for (let i = 0; i < 2; i++)
      assert.equal(
        (await call('/api/demo/payments', { body: { amount: 1000 }, on: limited, clientId: 'busy' })).status,
        201,
      );
    const refused = await call('/api/demo/payments', { body: { amount: 1000 }, on: limited, clientId: 'busy' });
    assertError(refused, 429, 'rate_limited');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal(
      (await call('/api/demo/payments', { body: { amount: 1000 }, on: limited, clientId: 'calm' })).status,
      201,
    );
  });
});

describe('when Stripe misbehaves', () => {
  it('recovers from one 500 with the SDK’s retry', async () => {
    const payment = await createPayment({ amount: 2000 });
    emulator.injectFaults({ kind: 'error', status: 500, method: 'POST', path: '/v1/refunds' });
    assert.equal((await refund(payment.id, { amount: 100 })).status, 201);
    assert.equal((await stripe.refunds.list({ payment_intent: payment.id })).data.length, 1);
  });

  it('answers 503 with Retry-After when Stripe keeps failing, and logs without the key', async () => {
    const payment = await createPayment({ amount: 2000 });
    emulator.injectFaults({ kind: 'error', status: 500, times: 2, method: 'POST', path: '/v1/refunds' });
    logs.length = 0;
    const answer = await refund(payment.id, { amount: 100 });
    assertError(answer, 503, 'stripe_unavailable');
    assert.equal(answer.headers.get('retry-after'), '5');
    assert.equal(logs.length, 1);
    assert.match(
      logs[0] ?? '',
      /POST \/api\/demo\/payments\/pi_\w+\/refunds → 503 stripe_unavailable: StripeAPIError \(req_\w+\)/,
    );
    assert.ok(!logs.join('\n').includes('sk_test_'));
    assert.ok(!JSON.stringify(answer.body).includes('sk_test_'));
  });

  it('answers 503 when Stripe is too slow', async () => {
    const impatient = demo({ stripe: { timeoutMs: 100, maxNetworkRetries: 0 } });
    emulator.injectFaults({ kind: 'delay', ms: 400, method: 'GET', path: '/v1/payment_intents' });
    assertError(await call('/api/demo/payments/pi_slowOne', { on: impatient }), 503, 'stripe_unavailable');
  });

  it('answers 503 when Stripe can’t be reached at all', async () => {
    const unreachable = demo({ stripe: { maxNetworkRetries: 0 } }, { STRIPE_EMULATOR_URL: 'http://127.0.0.1:9' });
    assertError(
      await call('/api/demo/payments', { body: { amount: 2000 }, on: unreachable }),
      503,
      'stripe_unavailable',
    );
  });

  it('passes Stripe’s 429 on as 429 with Retry-After', async () => {
    emulator.injectFaults({ kind: 'error', status: 429, method: 'POST', path: '/v1/payment_intents' });
    const answer = await call('/api/demo/payments', { body: { amount: 2000 } });
    assertError(answer, 429, 'stripe_busy');
    assert.equal(answer.headers.get('retry-after'), '2');
  });
});

describe('configuration', () => {
  it('refuses to build a handler with a live key, without quoting it', () => {
    assert.throws(
      () => createDemoHandler({ env: { STRIPE_SECRET_KEY: 'sk_live_' + '51Zq9xLiveKey' } }),
      (error: unknown) => error instanceof ConfigError && !error.message.includes('Zq9x'),
    );
  });

  it('says whether it runs offline', () => {
    assert.equal(handler.mode, 'emulator');
    assert.equal(createDemoHandler({ env: { STRIPE_SECRET_KEY: 'sk_test_51abc' } }).mode, 'test');
  });
});

describe('GET /api/demo/status', () => {
  it('says the demo runs offline against the emulator, without touching Stripe', async () => {
    const { status, body } = await call('/api/demo/status');
    assert.equal(status, 200);
    assert.deepEqual(body, { mode: 'emulator' });
  });
});
