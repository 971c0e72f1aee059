/** A card refund's ARN (`destination_details.card.reference`) through the real `stripe` SDK. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { eventually, useEmulator } from './test-support.ts';

let stripe: Stripe;
useEmulator({ refundDelayMs: 100, refundReferenceDelayMs: 100 }, (client) => (stripe = client));

async function refund(paymentMethod: string) {
  const payment = await stripe.paymentIntents.create({
    amount: 3000,
    currency: 'usd',
    payment_method: paymentMethod,
    allowed_payment_method_types: ['card'],
    confirm: true,
  });
  return stripe.refunds.create({ payment_intent: payment.id });
}

const cardOf = (refund: Stripe.Refund) => refund.destination_details?.card;

describe('destination_details.card on a card refund', () => {
  it('starts with its reference pending, then carries a 23-digit ARN', async () => {
    const created = await refund('pm_card_visa');
    assert.equal(created.destination_details?.type, 'card');
    assert.deepEqual(cardOf(created), {
      reference_status: 'pending',
      reference_type: 'acquirer_reference_number',
      type: 'refund',
    });
    await eventually(async () => cardOf(await stripe.refunds.retrieve(created.id))?.reference_status === 'available');
    const card = cardOf(await stripe.refunds.retrieve(created.id));
    assert.match(String(card?.reference), /^\d{23}$/);
    assert.equal(card?.reference_type, 'acquirer_reference_number');
  });

  it('is type pending while the refund is pending, and gets its ARN after it succeeds', async () => {
    const created = await refund('pm_card_pendingRefund');
    assert.deepEqual(cardOf(created), { type: 'pending' });
    await eventually(async () => cardOf(await stripe.refunds.retrieve(created.id))?.reference_status === 'available');
    assert.equal((await stripe.refunds.retrieve(created.id)).status, 'succeeded');
  });

  it('never gets a reference when the refund fails', async () => {
    const created = await refund('pm_card_refundFail');
    await eventually(async () => (await stripe.refunds.retrieve(created.id)).status === 'failed');
    const card = cardOf(await stripe.refunds.retrieve(created.id));
    assert.equal(card?.reference_status, 'unavailable');
    assert.equal(card?.reference, undefined);
  });
});
