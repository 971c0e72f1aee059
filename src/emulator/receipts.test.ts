/** Receipts through the real `stripe` SDK: receipt_email on the payment and the charge, and the receipt_url. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { rejection, useEmulator } from './test-support.ts';

let stripe: Stripe;
useEmulator({ refundDelayMs: 50 }, (client) => (stripe = client));

function pay(extra: Partial<Stripe.PaymentIntentCreateParams> = {}) {
  return stripe.paymentIntents.create({
    amount: 2500,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    allowed_payment_method_types: ['card'],
    confirm: true,
    ...extra,
  });
}

describe('receipts', () => {
  it('a successful charge has a receipt_url, and no receipt_email until one is given', async () => {
    const charge = await stripe.charges.retrieve(String((await pay()).latest_charge));
    assert.match(String(charge.receipt_url), /^https:\/\/pay\.stripe\.com\/receipts\/payment\//);
    assert.equal(charge.receipt_email, null);
  });

  it('takes receipt_email from the payment', async () => {
    const payment = await pay({ receipt_email: 'jenny@example.com' });
    assert.equal(payment.receipt_email, 'jenny@example.com');
    const charge = await stripe.charges.retrieve(String(payment.latest_charge));
    assert.equal(charge.receipt_email, 'jenny@example.com');
  });

  it('POST /v1/charges/:id sets receipt_email, description and metadata', async () => {
    const chargeId = String((await pay()).latest_charge);
    const updated = await stripe.charges.update(chargeId, {
      receipt_email: 'jenny@example.com',
      description: 'Order 1042',
      metadata: { order: '1042' },
    });
    assert.equal(updated.receipt_email, 'jenny@example.com');
    assert.equal(updated.description, 'Order 1042');
    assert.deepEqual(updated.metadata, { order: '1042' });
    const retrieved = await stripe.charges.retrieve(chargeId);
    assert.equal(retrieved.receipt_email, 'jenny@example.com');
  });

  it('refuses an address that is not one, and unknown parameters', async () => {
    const chargeId = String((await pay()).latest_charge);
    const invalid = await rejection(stripe.charges.update(chargeId, { receipt_email: 'jenny' }));
    assert.equal(invalid.code, 'email_invalid');
    assert.equal(invalid.param, 'receipt_email');
    const unknown = await rejection(stripe.charges.update(chargeId, { amount: 1 } as Stripe.ChargeUpdateParams));
    assert.equal(unknown.code, 'parameter_unknown');
    assert.equal((await stripe.charges.retrieve(chargeId)).receipt_email, null);
    const missing = await rejection(stripe.charges.update('ch_missing', { receipt_email: 'jenny@example.com' }));
    assert.equal(missing.statusCode, 404);
  });
});
