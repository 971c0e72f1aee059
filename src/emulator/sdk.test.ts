/** The emulator through the real `stripe` SDK: every test card's story, Stripe's refusals, and concurrency. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { eventually, rejection, useEmulator } from './test-support.ts';

const refundDelayMs = 100;
let stripe: Stripe;
useEmulator({ refundDelayMs }, (client) => (stripe = client));

function pay(paymentMethod: string, amount = 10_000, currency = 'usd') {
  return stripe.paymentIntents.create({
    amount,
    currency,
    payment_method: paymentMethod,
    confirm: true,
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    expand: ['latest_charge.balance_transaction'],
  });
}

function chargeOf(intent: Stripe.PaymentIntent): Stripe.Charge {
  assert.equal(typeof intent.latest_charge, 'object');
  return intent.latest_charge as Stripe.Charge;
}

describe('pm_card_visa', () => {
  it('succeeds, with a charge whose balance transaction carries the 2.9% + 30¢ fee', async () => {
    const intent = await pay('pm_card_visa', 10_000);
    assert.equal(intent.status, 'succeeded');
    assert.equal(intent.amount_received, 10_000);
    assert.match(String(intent.payment_method), /^pm_/);
    const charge = chargeOf(intent);
    assert.equal(charge.status, 'succeeded');
    assert.equal(charge.paid, true);
    assert.equal(charge.payment_intent, intent.id);
    assert.equal(charge.payment_method_details?.card?.last4, '4242');
    const transaction = charge.balance_transaction as Stripe.BalanceTransaction;
    assert.equal(transaction.fee, 320);
    assert.equal(transaction.net, 9680);
    assert.deepEqual(
      transaction.fee_details.map((detail) => [detail.type, detail.amount]),
      [['stripe_fee', 320]],
    );
    assert.equal(transaction.source, charge.id);
  });

  it('rounds the fee to the nearest smallest unit', async () => {
    const intent = await pay('pm_card_visa', 1050);
    assert.equal((chargeOf(intent).balance_transaction as Stripe.BalanceTransaction).fee, 60); // 30.45 + 30
  });

  it('refunds in full by default, with a negative, fee-free balance transaction', async () => {
    const intent = await pay('pm_card_visa', 5000);
    const refund = await stripe.refunds.create({ payment_intent: intent.id, expand: ['balance_transaction'] });
    assert.equal(refund.status, 'succeeded');
    assert.equal(refund.amount, 5000);
    const transaction = refund.balance_transaction as Stripe.BalanceTransaction;
    assert.deepEqual(
      [transaction.amount, transaction.fee, transaction.net, transaction.type],
      [-5000, 0, -5000, 'refund'],
    );
    const charge = await stripe.charges.retrieve(chargeOf(intent).id, { expand: ['refunds'] });
    assert.equal(charge.amount_refunded, 5000);
    assert.equal(charge.refunded, true);
    assert.deepEqual(
      charge.refunds?.data.map((r) => r.id),
      [refund.id],
    );
  });

  it('allows repeated partial refunds; refunded turns true only at the full amount', async () => {
    const intent = await pay('pm_card_visa', 3000);
    const charge = chargeOf(intent).id;
    await stripe.refunds.create({ charge, amount: 1000, reason: 'requested_by_customer', metadata: { note: 'first' } });
    let current = await stripe.charges.retrieve(charge);
    assert.deepEqual([current.amount_refunded, current.refunded], [1000, false]);
    const second = await stripe.refunds.create({ payment_intent: intent.id, amount: 2000 });
    assert.equal(second.reason, null);
    current = await stripe.charges.retrieve(charge, { expand: ['refunds'] });
    assert.deepEqual([current.amount_refunded, current.refunded, current.refunds?.data.length], [3000, true, 2]);
    const first = current.refunds?.data[1];
    assert.equal(first?.reason, 'requested_by_customer');
    assert.deepEqual(first?.metadata, { note: 'first' });
  });
});

describe('Stripe’s refusals', () => {
  it('refuses to refund more than is left, naming amount and formatting money per currency', async () => {
    const intent = await pay('pm_card_visa', 2500);
    await stripe.refunds.create({ payment_intent: intent.id, amount: 1500 });
    const error = await rejection(stripe.refunds.create({ payment_intent: intent.id, amount: 2500 }));
    assert.equal(error.type, 'StripeInvalidRequestError');
    assert.equal(error.statusCode, 400);
    assert.equal(error.param, 'amount');
    assert.equal(error.message, 'Refund amount ($25.00) is greater than unrefunded amount on charge ($10.00)');

    const euros = await pay('pm_card_visa', 1000, 'eur');
    const inEuros = await rejection(stripe.refunds.create({ payment_intent: euros.id, amount: 1200 }));
    assert.equal(inEuros.message, 'Refund amount (€12.00) is greater than unrefunded amount on charge (€10.00)');
  });

  it('refuses a refund on a fully refunded charge with charge_already_refunded', async () => {
    const intent = await pay('pm_card_visa', 800);
    await stripe.refunds.create({ payment_intent: intent.id });
    const error = await rejection(stripe.refunds.create({ payment_intent: intent.id }));
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, 'charge_already_refunded');
  });

  it('refuses an unknown payment method by parameter', async () => {
    const error = await rejection(pay('pm_card_doesNotExist'));
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, 'resource_missing');
    assert.equal(error.param, 'payment_method');
  });

  it('refuses to confirm a card without a return_url when redirecting methods are allowed', async () => {
    const error = await rejection(
      stripe.paymentIntents.create({ amount: 1000, currency: 'usd', payment_method: 'pm_card_visa', confirm: true }),
    );
    assert.match(error.message, /return_url/);
  });

  it('refuses amounts below Stripe’s minimum charge', async () => {
    const error = await rejection(pay('pm_card_visa', 49));
    assert.equal(error.code, 'amount_too_small');
    assert.equal(error.param, 'amount');
  });

  it('refuses to refund a payment that never succeeded', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    assert.equal(intent.status, 'requires_payment_method');
    const error = await rejection(stripe.refunds.create({ payment_intent: intent.id }));
    assert.equal(error.param, 'payment_intent');
  });
});

describe('pm_card_chargeDeclined', () => {
  it('fails with a 402 card_declined and leaves the intent needing a payment method', async () => {
    const error = await rejection(pay('pm_card_chargeDeclined'));
    assert.equal(error.type, 'StripeCardError');
    assert.equal(error.statusCode, 402);
    assert.equal(error.code, 'card_declined');
    assert.equal(error.decline_code, 'generic_decline');
    assert.match(String(error.charge), /^ch_/);
    assert.equal(error.payment_intent?.status, 'requires_payment_method');

    const intent = await stripe.paymentIntents.retrieve(String(error.payment_intent?.id), {
      expand: ['latest_charge'],
    });
    assert.equal(intent.last_payment_error?.code, 'card_declined');
    const charge = chargeOf(intent);
    assert.deepEqual(
      [charge.status, charge.paid, charge.balance_transaction, charge.failure_code],
      ['failed', false, null, 'card_declined'],
    );
  });

  it('can be confirmed again with a card that works', async () => {
    const error = await rejection(pay('pm_card_chargeDeclined'));
    const intent = await stripe.paymentIntents.confirm(String(error.payment_intent?.id), {
      payment_method: 'pm_card_visa',
    });
    assert.equal(intent.status, 'succeeded');
  });
});

describe('pm_card_createDispute', () => {
  it('succeeds, is disputed at once, and refunds are refused with charge_disputed', async () => {
    const intent = await pay('pm_card_createDispute');
    assert.equal(intent.status, 'succeeded');
    assert.equal(chargeOf(intent).disputed, true);
    const error = await rejection(stripe.refunds.create({ payment_intent: intent.id, amount: 100 }));
    assert.equal(error.statusCode, 400);
    assert.equal(error.code, 'charge_disputed');
  });
});

describe('pm_card_pendingRefund', () => {
  it('starts pending and succeeds after the configured delay', async () => {
    const intent = await pay('pm_card_pendingRefund');
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 4000 });
    assert.equal(refund.status, 'pending');
    assert.equal(refund.pending_reason, 'processing');
    assert.equal(
      (await stripe.charges.retrieve(chargeOf(intent).id)).amount_refunded,
      4000,
      'pending counts as refunded',
    );
    await eventually(async () => (await stripe.refunds.retrieve(refund.id)).status !== 'pending');
    const settled = await stripe.refunds.retrieve(refund.id);
    assert.equal(settled.status, 'succeeded');
    assert.equal(settled.pending_reason, undefined);
  });
});

describe('pm_card_refundFail', () => {
  it('starts succeeded, then fails and gives the money back to the balance and the charge', async () => {
    const intent = await pay('pm_card_refundFail', 6000);
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 2500 });
    assert.equal(refund.status, 'succeeded');
    assert.equal((await stripe.charges.retrieve(chargeOf(intent).id)).amount_refunded, 2500);
    await eventually(async () => (await stripe.refunds.retrieve(refund.id)).status !== 'succeeded');

    const failed = await stripe.refunds.retrieve(refund.id, { expand: ['failure_balance_transaction'] });
    assert.equal(failed.status, 'failed');
    assert.equal(failed.failure_reason, 'expired_or_canceled_card');
    const back = failed.failure_balance_transaction as Stripe.BalanceTransaction;
    assert.deepEqual([back.amount, back.fee, back.type, back.source], [2500, 0, 'refund_failure', refund.id]);
    const charge = await stripe.charges.retrieve(chargeOf(intent).id);
    assert.deepEqual([charge.amount_refunded, charge.refunded], [0, false]);
    const again = await stripe.refunds.create({ payment_intent: intent.id });
    assert.equal(again.amount, 6000, 'the failed amount can be refunded again');
  });
});

describe('pm_card_refundRequiresAction (emulator only)', () => {
  it('starts requires_action; canceling gives the amount back to the charge', async () => {
    const intent = await pay('pm_card_refundRequiresAction', 3000);
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 });
    assert.equal(refund.status, 'requires_action');
    assert.equal(refund.next_action?.type, 'display_details');
    assert.equal(refund.balance_transaction, null);
    const canceled = await stripe.refunds.cancel(refund.id);
    assert.equal(canceled.status, 'canceled');
    assert.equal((await stripe.charges.retrieve(chargeOf(intent).id)).amount_refunded, 0);
  });

  it('refuses to cancel a refund in any other status', async () => {
    const intent = await pay('pm_card_visa', 3000);
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 });
    const error = await rejection(stripe.refunds.cancel(refund.id));
    assert.equal(error.type, 'StripeInvalidRequestError');
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /status of succeeded/);
  });
});

describe('concurrency', () => {
  it('50 parallel partial refunds never exceed the charge', async () => {
    const intent = await pay('pm_card_visa', 3000);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => stripe.refunds.create({ payment_intent: intent.id, amount: 100 })),
    );
    const made = results.filter((result) => result.status === 'fulfilled');
    const refused = results.filter((result) => result.status === 'rejected');
    assert.equal(made.length, 30);
    assert.equal(refused.length, 20);
    for (const result of refused) {
      const code = (result.reason as Stripe.errors.StripeError).code;
      assert.equal(code, 'charge_already_refunded');
    }
    const charge = await stripe.charges.retrieve(chargeOf(intent).id);
    assert.deepEqual([charge.amount_refunded, charge.refunded], [3000, true]);
    const listed = await stripe.refunds.list({ payment_intent: intent.id, limit: 100 });
    assert.equal(
      listed.data.reduce((sum, refund) => sum + refund.amount, 0),
      3000,
    );
  });

  it('auto-pagination walks every page of a list', async () => {
    const intent = await pay('pm_card_visa', 2500);
    await Promise.all(
      Array.from({ length: 25 }, () => stripe.refunds.create({ payment_intent: intent.id, amount: 100 })),
    );
    const all = await stripe.refunds.list({ payment_intent: intent.id, limit: 10 }).autoPagingToArray({ limit: 100 });
    assert.equal(all.length, 25);
    assert.equal(new Set(all.map((refund) => refund.id)).size, 25);
  });

  it('lists refunds by when they were created', async () => {
    const intent = await pay('pm_card_visa', 2500);
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 100 });
    const since = await stripe.refunds.list({ created: { gte: refund.created }, limit: 100 });
    assert.ok(since.data.some((r) => r.id === refund.id));
    assert.ok(since.data.every((r) => r.created >= refund.created));
    const before = await stripe.refunds.list({ created: { lt: refund.created }, limit: 100 });
    assert.ok(!before.data.some((r) => r.id === refund.id));
  });
});
