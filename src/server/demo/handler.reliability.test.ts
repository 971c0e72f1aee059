/**
 * Money and failure: concurrent and repeated refunds never move more money than they should, and when Stripe
 * fails (errors, rate limits, slowness, dropped connections, injected in the emulator) the reader gets a clear
 * 503 or 429 with Retry-After, other readers are still served, and what the demo shows afterwards is what
 * Stripe holds.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type Stripe from 'stripe';
import type { Fault } from '../../emulator/index.ts';
import { eventually } from '../../emulator/test-support.ts';
import type { DemoHandler, DemoPayment } from './index.ts';
import {
  assertRefusal,
  createDemoPayment,
  demoRequest,
  fcSeed as seed,
  send,
  startFixture,
  type Answer,
  type Fixture,
} from './test-support.ts';

let fixture: Fixture;
/** The demo as deployed, but patient: it waits out the slowest answers these tests cause. */
let handler: DemoHandler;

before(async () => {
  fixture = await startFixture();
  handler = fixture.demo({ stripe: { timeoutMs: 5000, maxNetworkRetries: 1 } });
});
after(() => fixture.close());

function refund(
  on: DemoHandler,
  id: string,
  body: object,
  { key, clientId }: { key?: string; clientId?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = key === undefined ? {} : { 'idempotency-key': key };
  return send(on, demoRequest(`/api/demo/payments/${id}/refunds`, { body, headers }), clientId, 10_000);
}

function read(on: DemoHandler, id: string, clientId?: string): Promise<Answer> {
  return send(on, demoRequest(`/api/demo/payments/${id}`), clientId, 10_000);
}

/** Every refund Stripe holds for a payment, oldest last, read straight from the emulator. */
async function refundsInStripe(paymentIntent: string): Promise<Stripe.Refund[]> {
  const refunds: Stripe.Refund[] = [];
  for await (const item of fixture.stripe.refunds.list({ payment_intent: paymentIntent, limit: 100 }))
    refunds.push(item);
  return refunds;
}

async function chargeInStripe(paymentIntent: string): Promise<Stripe.Charge> {
  const intent = await fixture.stripe.paymentIntents.retrieve(paymentIntent, { expand: ['latest_charge'] });
  return intent.latest_charge as Stripe.Charge;
}

/** The payment as the demo shows it equals what the emulator holds: status, amounts and the list of refunds. */
async function assertDemoMatchesStripe(payment: DemoPayment): Promise<Stripe.Refund[]> {
  const shown = await read(handler, payment.id);
  assert.equal(shown.status, 200, shown.text);
  const view: DemoPayment = shown.body.payment;
  const intent = await fixture.stripe.paymentIntents.retrieve(payment.id);
  const charge = await chargeInStripe(payment.id);
  const refunds = await refundsInStripe(payment.id);
  assert.equal(view.status, intent.status);
  assert.equal(view.amount, intent.amount);
  assert.equal(view.amount_refunded, charge.amount_refunded);
  assert.equal(view.refundable, charge.amount - charge.amount_refunded);
  assert.deepEqual(
    view.refunds.map(({ id, amount, status }) => ({ id, amount, status })),
    refunds.map(({ id, amount, status }) => ({ id, amount, status })),
  );
  return refunds;
}

const sum = (amounts: number[]) => amounts.reduce((total, amount) => total + amount, 0);

describe('money is never lost or doubled', () => {
  it('100 parallel partial refunds never refund more than the payment, and each one made is reported', async (t) => {
    let runs = 0;
    let made = 0;
    let refused = 0;
    // Per payment: how large the asks run, and which (0 to 2) of them ask for everything that's left.
    const asked = fc
      .record({
        largest: fc.integer({ min: 5, max: 600 }),
        draws: fc.array(fc.nat(), { minLength: 100, maxLength: 100 }),
        rest: fc.array(fc.nat(99), { maxLength: 2 }),
      })
      .map(({ largest, draws, rest }) =>
        draws.map((draw, index) => (rest.includes(index) ? undefined : 1 + (draw % largest))),
      );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2000, max: 30_000 }), asked, async (amount, asks) => {
        runs += 1;
        const payment = await createDemoPayment(handler, { amount });
        // `undefined` asks for everything that's left.
        const answers = await Promise.all(
          asks.map((ask) => refund(handler, payment.id, ask === undefined ? {} : { amount: ask })),
        );
        const succeeded = answers.filter((answer) => answer.status === 201).map((answer) => answer.body.refund);
        made += succeeded.length;
        refused += answers.length - succeeded.length;
        const refunded = sum(succeeded.map((refund) => refund.amount));
        assert.ok(refunded <= amount, `refunded ${refunded} of ${amount}`);

        // What Stripe holds is exactly what the readers were told: no refund lost, none made twice.
        const charge = await chargeInStripe(payment.id);
        const stored = await refundsInStripe(payment.id);
        assert.equal(charge.amount_refunded, refunded);
        assert.deepEqual(stored.map((refund) => refund.id).sort(), succeeded.map((refund) => refund.id).sort());
        assert.equal(sum(stored.map((refund) => refund.amount)), refunded);

        // Every refusal is for asking more than was left, and was true when given: it still is.
        const left = amount - refunded;
        answers.forEach((answer, index) => {
          if (answer.status === 201) return;
          assertRefusal(answer, { statuses: [400, 409] });
          const ask = asks[index];
          if (answer.body.error.code === 'already_refunded') assert.equal(left, 0);
          else {
            assert.equal(answer.body.error.code, 'amount_too_large', answer.text);
            assert.ok(ask !== undefined && ask > left, `refused ${ask} with ${left} left`);
          }
        });
        // Asks that fit all succeed.
        if (!asks.includes(undefined) && sum(asks as number[]) <= amount) assert.equal(succeeded.length, 100);
        await assertDemoMatchesStripe(payment);
      }),
      { seed, numRuns: 6 },
    );
    t.diagnostic(
      `${runs} payments × 100 parallel refunds: ${made} made, ${refused} refused for asking more than was left`,
    );
  });

  it('the same Idempotency-Key sent 20 times at once makes exactly one refund', async () => {
    const payment = await createDemoPayment(handler, { amount: 5000 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        refund(handler, payment.id, { amount: 700 }, { key: 'double-click', clientId: 'reader-a' }),
      ),
    );
    for (const answer of answers) assert.equal(answer.status, 201, answer.text);
    const ids = new Set(answers.map((answer) => answer.body.refund.id));
    assert.equal(ids.size, 1, 'every answer names the same refund');
    const stored = await refundsInStripe(payment.id);
    assert.deepEqual(
      stored.map((refund) => refund.id),
      [...ids],
    );
    assert.equal((await chargeInStripe(payment.id)).amount_refunded, 700);
  });

  it('a refund whose answer is lost is made once, whether the SDK or the reader retries it', async () => {
    const payment = await createDemoPayment(handler, { amount: 5000 });
    const reader = { key: 'lost-answer', clientId: 'reader-a' };

    // Lost once: the SDK's own retry carries the same key and gets Stripe's record of the refund back.
    fixture.emulator.injectFaults({ kind: 'drop', after: true, method: 'POST', path: '/v1/refunds' });
    const first = await refund(handler, payment.id, { amount: 300 }, reader);
    assert.equal(first.status, 201, first.text);
    assert.equal((await refundsInStripe(payment.id)).length, 1);

    // Lost on every try: the reader sees a 503, the refund is made all the same, and sending the request
    // again with the same key, as the 503's message advises, returns that refund instead of making another.
    const other = { key: 'lost-twice', clientId: 'reader-a' };
    fixture.emulator.injectFaults({ kind: 'drop', after: true, method: 'POST', path: '/v1/refunds', times: 2 });
    const failed = await refund(handler, payment.id, { amount: 400 }, other);
    assertRefusal(failed, { statuses: [503] });
    assert.equal(failed.body.error.code, 'stripe_unavailable');
    fixture.emulator.clearFaults();
    const made = (await refundsInStripe(payment.id)).filter((refund) => refund.amount === 400);
    assert.equal(made.length, 1, 'the lost refund was made');
    const retried = await refund(handler, payment.id, { amount: 400 }, other);
    assert.equal(retried.status, 201, retried.text);
    assert.equal(retried.body.refund.id, made[0]?.id);

    const stored = await assertDemoMatchesStripe(payment);
    assert.deepEqual(stored.map((refund) => refund.amount).sort(), [300, 400]);
    assert.equal((await chargeInStripe(payment.id)).amount_refunded, 700);
  });
});

/** How a failure reads to a reader: plain words, none of the SDK's or HTTP's vocabulary. */
function assertPlainWords(answer: Answer): void {
  assert.doesNotMatch(
    answer.body.error.message,
    /Stripe\w*Error|ECONN|ETIMEDOUT|EPIPE|socket|api_error|req_\w|stack|undefined|null/,
  );
  assert.match(answer.body.error.message, /try again/i);
}

interface Failure {
  name: string;
  /** Whether the reader's request is a refund (the faults hit Stripe's refund endpoint) or a read. */
  on: 'refund' | 'read';
  faults(paymentIntent: string): Fault[];
  status: 503 | 429;
  code: string;
  retryAfter: string;
  /** The refund lands in Stripe although the reader was told it failed. */
  applied: boolean;
  /** The failure takes long enough that the other reader's request, started after, must finish first. */
  slow: boolean;
}

const timeoutMs = 300;
const slowerThanTimeout = 700;

const failures: Failure[] = [
  {
    name: '500 on every try',
    on: 'refund',
    faults: () => [{ kind: 'error', status: 500, method: 'POST', path: '/v1/refunds', times: 2 }],
    status: 503,
    code: 'stripe_unavailable',
    retryAfter: '5',
    applied: false,
    slow: true,
  },
  {
    name: '429 from Stripe',
    on: 'refund',
    faults: () => [{ kind: 'error', status: 429, method: 'POST', path: '/v1/refunds' }],
    status: 429,
    code: 'stripe_busy',
    retryAfter: '2',
    applied: false,
    slow: false,
  },
  {
    name: 'answers slower than the timeout, on every try (the refund still lands)',
    on: 'refund',
    faults: () => [{ kind: 'delay', ms: slowerThanTimeout, method: 'POST', path: '/v1/refunds', times: 2 }],
    status: 503,
    code: 'stripe_unavailable',
    retryAfter: '5',
    applied: true,
    slow: true,
  },
  {
    name: 'connection dropped before Stripe acts, on every try',
    on: 'refund',
    faults: () => [{ kind: 'drop', method: 'POST', path: '/v1/refunds', times: 2 }],
    status: 503,
    code: 'stripe_unavailable',
    retryAfter: '5',
    applied: false,
    slow: true,
  },
  {
    name: 'connection dropped after Stripe acted, on every try',
    on: 'refund',
    faults: () => [{ kind: 'drop', after: true, method: 'POST', path: '/v1/refunds', times: 2 }],
    status: 503,
    code: 'stripe_unavailable',
    retryAfter: '5',
    applied: true,
    slow: true,
  },
  {
    name: 'a read slower than the timeout',
    on: 'read',
    faults: (id) => [
      { kind: 'delay', ms: slowerThanTimeout, method: 'GET', path: `/v1/payment_intents/${id}`, times: 2 },
    ],
    status: 503,
    code: 'stripe_unavailable',
    retryAfter: '5',
    applied: false,
    slow: true,
  },
  {
    name: 'a read whose connection drops',
    on: 'read',
    faults: (id) => [{ kind: 'drop', method: 'GET', path: `/v1/payment_intents/${id}`, times: 2 }],
    status: 503,
    code: 'stripe_unavailable',
    retryAfter: '5',
    applied: false,
    slow: true,
  },
];

describe('when Stripe fails', () => {
  let impatient: DemoHandler;
  before(() => {
    // A short timeout keeps the tests quick; one retry, as deployed.
    impatient = fixture.demo({ stripe: { timeoutMs, maxNetworkRetries: 1 } });
  });

  for (const failure of failures) {
    it(`${failure.name}: ${failure.status} ${failure.code} with Retry-After, others served, state consistent`, async () => {
      const mine = await createDemoPayment(handler, { amount: 4000 });
      const theirs = await createDemoPayment(handler, { amount: 4000 });
      const reader = { key: `failure-${failure.name}`, clientId: 'reader-a' };
      fixture.emulator.injectFaults(...failure.faults(mine.id));
      fixture.logs.length = 0;

      const faulted =
        failure.on === 'refund'
          ? refund(impatient, mine.id, { amount: 1000 }, reader)
          : read(impatient, mine.id, reader.clientId);
      // Another reader, on the same function instance, while the first waits on Stripe.
      const [answer, otherRead, otherPayment] = await Promise.all([
        faulted,
        read(impatient, theirs.id, 'reader-b'),
        send(impatient, demoRequest('/api/demo/payments', { body: { amount: 1200 } }), 'reader-b'),
      ]);

      assertRefusal(answer, { statuses: [failure.status] });
      assert.equal(answer.body.error.code, failure.code);
      assert.equal(answer.headers.get('retry-after'), failure.retryAfter);
      assertPlainWords(answer);
      assert.equal(otherRead.status, 200, otherRead.text);
      assert.equal(otherPayment.status, 201, otherPayment.text);
      if (failure.slow)
        assert.ok(otherRead.ms < answer.ms && otherPayment.ms < answer.ms, 'the other reader did not wait');
      // The operator hears of a 503, without the key; a 429 is the reader's to wait out.
      const lines = fixture.logs.filter((line) => line.includes(mine.id));
      assert.equal(lines.length, failure.status === 503 ? 1 : 0, fixture.logs.join('\n'));
      assert.ok(!fixture.logs.join('\n').includes('sk_test_'));

      // Let the emulator finish what it was still doing (a delayed request lands after the client gave up).
      fixture.emulator.clearFaults();
      if (failure.applied) await eventually(async () => (await refundsInStripe(mine.id)).length === 1);
      const stored = await assertDemoMatchesStripe(mine);
      assert.equal(stored.length, failure.applied ? 1 : 0, 'what landed in Stripe');
      await assertDemoMatchesStripe(theirs);

      if (failure.on === 'refund') {
        // Sending the same request again with the same key gives the refund that landed, or makes it now: one either way.
        const again = await refund(impatient, mine.id, { amount: 1000 }, reader);
        assert.equal(again.status, 201, again.text);
        if (failure.applied) assert.equal(again.body.refund.id, stored[0]?.id);
        const after = await assertDemoMatchesStripe(mine);
        assert.equal(after.length, 1);
        assert.equal((await chargeInStripe(mine.id)).amount_refunded, 1000);
      }
    });
  }
});
