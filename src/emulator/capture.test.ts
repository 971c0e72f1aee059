/** Manual capture through the real `stripe` SDK: authorize, capture all or part, cancel, or refund the hold. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { rejection, useEmulator } from './test-support.ts';

let stripe: Stripe;
useEmulator({ refundDelayMs: 50 }, (client) => (stripe = client));

function authorize(amount = 10_000, paymentMethod = 'pm_card_visa') {
  return stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    payment_method: paymentMethod,
    allowed_payment_method_types: ['card'],
    capture_method: 'manual',
    confirm: true,
    expand: ['latest_charge'],
  });
}

describe('capture_method=manual', () => {
  it('leaves the payment authorized: requires_capture, an uncaptured charge, nothing in the balance', async () => {
    const intent = await authorize(10_000);
    assert.equal(intent.status, 'requires_capture');
    assert.equal(intent.capture_method, 'manual');
    assert.equal(intent.amount_capturable, 10_000);
    assert.equal(intent.amount_received, 0);
    const charge = intent.latest_charge as Stripe.Charge;
    assert.equal(charge.captured, false);
    assert.equal(charge.amount_captured, 0);
    assert.equal(charge.status, 'succeeded');
    assert.equal(charge.paid, true);
    assert.equal(charge.balance_transaction, null);
  });

  it('captures in full: succeeded, with the fee on a balance transaction', async () => {
    const intent = await authorize(10_000);
    const captured = await stripe.paymentIntents.capture(intent.id, {
      expand: ['latest_charge.balance_transaction'],
    });
    assert.equal(captured.status, 'succeeded');
    assert.equal(captured.amount_received, 10_000);
    assert.equal(captured.amount_capturable, 0);
    const charge = captured.latest_charge as Stripe.Charge;
    assert.equal(charge.captured, true);
    assert.equal(charge.amount_captured, 10_000);
    const transaction = charge.balance_transaction as Stripe.BalanceTransaction;
    assert.deepEqual([transaction.amount, transaction.fee, transaction.net], [10_000, 320, 9680]);
  });

  it('captures part and releases the rest, which is all a later refund can return', async () => {
    const intent = await authorize(10_000);
    const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 6000 });
    assert.equal(captured.amount_received, 6000);
    const charge = await stripe.charges.retrieve(String(captured.latest_charge));
    assert.deepEqual([charge.amount_captured, charge.amount_refunded, charge.refunded], [6000, 4000, false]);
    const refund = await stripe.refunds.create({ payment_intent: intent.id });
    assert.equal(refund.amount, 6000);
  });

  it('refuses to capture more than was authorized', async () => {
    const intent = await authorize(5000);
    const error = await rejection(stripe.paymentIntents.capture(intent.id, { amount_to_capture: 5001 }));
    assert.equal(error.statusCode, 400);
    assert.equal(error.param, 'amount_to_capture');
    assert.equal((await stripe.paymentIntents.retrieve(intent.id)).status, 'requires_capture');
  });

  it('refuses a second capture with payment_intent_unexpected_state', async () => {
    const intent = await authorize(5000);
    await stripe.paymentIntents.capture(intent.id);
    const error = await rejection(stripe.paymentIntents.capture(intent.id));
    assert.equal(error.code, 'payment_intent_unexpected_state');
    assert.match(error.message, /status of succeeded/);
  });

  it('refuses to capture an automatic-capture payment', async () => {
    const intent = await stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      confirm: true,
    });
    const error = await rejection(stripe.paymentIntents.capture(intent.id));
    assert.equal(error.code, 'payment_intent_unexpected_state');
  });

  it('opens a test dispute only once the payment is captured', async () => {
    const intent = await authorize(5000, 'pm_card_createDispute');
    assert.equal((intent.latest_charge as Stripe.Charge).disputed, false);
    assert.equal((await stripe.disputes.list({ payment_intent: intent.id })).data.length, 0);
    await stripe.paymentIntents.capture(intent.id);
    const [dispute] = (await stripe.disputes.list({ payment_intent: intent.id })).data;
    assert.equal(dispute?.amount, 5000);
  });
});

describe('cancel', () => {
  it('cancels an authorized payment, releasing the hold as a reversal refund', async () => {
    const intent = await authorize(7000);
    const canceled = await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'requested_by_customer' });
    assert.equal(canceled.status, 'canceled');
    assert.equal(canceled.cancellation_reason, 'requested_by_customer');
    assert.equal(typeof canceled.canceled_at, 'number');
    assert.equal(canceled.amount_capturable, 0);
    const charge = await stripe.charges.retrieve(String(canceled.latest_charge), { expand: ['refunds'] });
    assert.deepEqual([charge.refunded, charge.amount_refunded, charge.captured], [true, 7000, false]);
    const [release] = charge.refunds?.data ?? [];
    assert.equal(release?.amount, 7000);
    assert.equal(release?.balance_transaction, null);
    assert.equal(release?.destination_details?.card?.type, 'reversal');
  });

  it('cancels a payment that was never confirmed', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd' });
    const canceled = await stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'abandoned' });
    assert.equal(canceled.status, 'canceled');
    assert.equal(canceled.cancellation_reason, 'abandoned');
  });

  it('refuses to cancel a succeeded payment with payment_intent_unexpected_state', async () => {
    const intent = await authorize(2000);
    await stripe.paymentIntents.capture(intent.id);
    const error = await rejection(stripe.paymentIntents.cancel(intent.id));
    assert.equal(error.code, 'payment_intent_unexpected_state');
    assert.match(error.message, /status of succeeded/);
  });

  it('refuses a cancellation_reason Stripe does not take', async () => {
    const intent = await authorize(2000);
    const error = await rejection(
      stripe.paymentIntents.cancel(intent.id, { cancellation_reason: 'expired' as 'abandoned' }),
    );
    assert.equal(error.param, 'cancellation_reason');
    assert.equal((await stripe.paymentIntents.retrieve(intent.id)).status, 'requires_capture');
  });

  it('refuses to capture a canceled payment', async () => {
    const intent = await authorize(2000);
    await stripe.paymentIntents.cancel(intent.id);
    const error = await rejection(stripe.paymentIntents.capture(intent.id));
    assert.equal(error.code, 'payment_intent_unexpected_state');
  });
});

describe('a refund of an uncaptured payment', () => {
  it('releases the whole hold and cancels the payment', async () => {
    const intent = await authorize(4000);
    const refund = await stripe.refunds.create({ payment_intent: intent.id });
    assert.equal(refund.status, 'succeeded');
    assert.equal(refund.amount, 4000);
    assert.equal(refund.balance_transaction, null);
    assert.equal((await stripe.paymentIntents.retrieve(intent.id)).status, 'canceled');
  });

  it('is refused for part of the amount: capture less instead', async () => {
    const intent = await authorize(4000);
    const error = await rejection(stripe.refunds.create({ payment_intent: intent.id, amount: 1000 }));
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /partially refund an uncaptured charge/);
    assert.equal((await stripe.paymentIntents.retrieve(intent.id)).status, 'requires_capture');
  });
});
