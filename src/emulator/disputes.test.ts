/** Disputes through the real `stripe` SDK: opened by pm_card_createDispute, listed, answered with evidence, accepted. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { eventually, rejection, useEmulator } from './test-support.ts';

let stripe: Stripe;
useEmulator({ refundDelayMs: 50 }, (client) => (stripe = client));

async function disputedPayment(amount = 10_000) {
  const payment = await stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    payment_method: 'pm_card_createDispute',
    allowed_payment_method_types: ['card'],
    confirm: true,
  });
  const [dispute] = (await stripe.disputes.list({ payment_intent: payment.id })).data;
  assert.ok(dispute, 'the dispute is listed');
  return { payment, dispute };
}

describe('a dispute from pm_card_createDispute', () => {
  it('needs a response, withdraws the amount plus the $15.00 fee, and blocks refunds', async () => {
    const { payment, dispute } = await disputedPayment(10_000);
    assert.match(dispute.id, /^du_/);
    assert.equal(dispute.object, 'dispute');
    assert.equal(dispute.status, 'needs_response');
    assert.equal(dispute.reason, 'fraudulent');
    assert.equal(dispute.amount, 10_000);
    assert.equal(dispute.charge, payment.latest_charge);
    assert.equal(dispute.payment_intent, payment.id);
    assert.equal(dispute.is_charge_refundable, false);
    assert.ok(Number(dispute.evidence_details.due_by) > dispute.created);
    assert.deepEqual([dispute.evidence_details.has_evidence, dispute.evidence_details.submission_count], [false, 0]);
    const [withdrawal] = dispute.balance_transactions;
    assert.deepEqual(
      [withdrawal?.amount, withdrawal?.fee, withdrawal?.net, withdrawal?.type, withdrawal?.reporting_category],
      [-10_000, 1500, -11_500, 'adjustment', 'dispute'],
    );
    const charge = await stripe.charges.retrieve(String(payment.latest_charge));
    assert.equal(charge.disputed, true);
    const error = await rejection(stripe.refunds.create({ payment_intent: payment.id }));
    assert.equal(error.code, 'charge_disputed');
  });

  it('is retrieved by id, with its charge expanded', async () => {
    const { dispute } = await disputedPayment();
    const retrieved = await stripe.disputes.retrieve(dispute.id, { expand: ['charge'] });
    assert.equal((retrieved.charge as Stripe.Charge).id, dispute.charge);
    assert.equal((await rejection(stripe.disputes.retrieve('du_missing'))).statusCode, 404);
  });
});

describe('GET /v1/disputes', () => {
  it('filters by charge and payment_intent, newest first, and pages', async () => {
    const first = await disputedPayment();
    const second = await disputedPayment();
    const byCharge = await stripe.disputes.list({ charge: String(second.payment.latest_charge) });
    assert.deepEqual(
      byCharge.data.map((dispute) => dispute.id),
      [second.dispute.id],
    );
    const page = await stripe.disputes.list({ limit: 1 });
    assert.equal(page.data[0]?.id, second.dispute.id);
    assert.equal(page.has_more, true);
    const next = await stripe.disputes.list({ limit: 1, starting_after: second.dispute.id });
    assert.equal(next.data[0]?.id, first.dispute.id);
    const back = await stripe.disputes.list({ limit: 1, ending_before: first.dispute.id });
    assert.equal(back.data[0]?.id, second.dispute.id);
  });

  it('filters by created range', async () => {
    const { dispute } = await disputedPayment();
    const inRange = await stripe.disputes.list({ created: { gte: dispute.created }, limit: 100 });
    assert.ok(inRange.data.some((item) => item.id === dispute.id));
    const future = await stripe.disputes.list({ created: { gt: dispute.created + 3600 } });
    assert.equal(future.data.length, 0);
    const exact = await stripe.disputes.list({ created: dispute.created, limit: 100 });
    assert.ok(exact.data.some((item) => item.id === dispute.id));
  });

  it('refuses an unknown filter or a payment that does not exist', async () => {
    const unknown = await rejection(stripe.disputes.list({ status: 'lost' } as Stripe.DisputeListParams));
    assert.equal(unknown.code, 'parameter_unknown');
    const missing = await rejection(stripe.disputes.list({ payment_intent: 'pi_missing' }));
    assert.equal(missing.param, 'payment_intent');
  });
});

describe('responding to a dispute', () => {
  it('stages evidence with submit=false, then submits it', async () => {
    const { dispute } = await disputedPayment();
    const staged = await stripe.disputes.update(dispute.id, {
      evidence: { product_description: 'Annual plan', customer_email_address: 'jenny@example.com' },
      metadata: { case: '42' },
      submit: false,
    });
    assert.equal(staged.status, 'needs_response');
    assert.equal(staged.evidence.product_description, 'Annual plan');
    assert.equal(staged.evidence_details.has_evidence, true);
    assert.equal(staged.evidence_details.submission_count, 0);
    assert.deepEqual(staged.metadata, { case: '42' });

    const submitted = await stripe.disputes.update(dispute.id, {
      evidence: { shipping_tracking_number: '1Z999' },
      submit: true,
    });
    assert.equal(submitted.status, 'under_review');
    assert.equal(submitted.evidence.product_description, 'Annual plan');
    assert.equal(submitted.evidence.shipping_tracking_number, '1Z999');
    assert.equal(submitted.evidence_details.submission_count, 1);

    const late = await rejection(stripe.disputes.update(dispute.id, { evidence: { customer_name: 'Jenny' } }));
    assert.equal(late.statusCode, 400);
    assert.match(late.message, /under_review/);
    // Metadata can still change.
    const tagged = await stripe.disputes.update(dispute.id, { metadata: { owner: 'ops' } });
    assert.deepEqual(tagged.metadata, { case: '42', owner: 'ops' });
  });

  it('wins with winning_evidence, giving the amount back to the balance', async () => {
    const { dispute } = await disputedPayment(5000);
    await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: 'winning_evidence' } });
    await eventually(async () => (await stripe.disputes.retrieve(dispute.id)).status === 'won');
    const won = await stripe.disputes.retrieve(dispute.id);
    assert.deepEqual(
      won.balance_transactions.map((transaction) => transaction.amount),
      [-5000, 5000],
    );
  });

  it('loses with losing_evidence', async () => {
    const { dispute } = await disputedPayment(5000);
    await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: 'losing_evidence' } });
    await eventually(async () => (await stripe.disputes.retrieve(dispute.id)).status === 'lost');
  });

  it('refuses unknown evidence fields and a file field that names no file', async () => {
    const { dispute } = await disputedPayment();
    const unknown = await rejection(
      stripe.disputes.update(dispute.id, { evidence: { favourite_colour: 'red' } } as Stripe.DisputeUpdateParams),
    );
    assert.equal(unknown.param, 'evidence[favourite_colour]');
    const file = await rejection(stripe.disputes.update(dispute.id, { evidence: { receipt: 'receipt.pdf' } }));
    assert.equal(file.param, 'evidence[receipt]');
    assert.equal((await stripe.disputes.retrieve(dispute.id)).status, 'needs_response');
  });
});

describe('POST /v1/disputes/:id/close', () => {
  it('accepts the dispute: lost, for good', async () => {
    const { dispute } = await disputedPayment();
    const closed = await stripe.disputes.close(dispute.id);
    assert.equal(closed.status, 'lost');
    const again = await rejection(stripe.disputes.close(dispute.id));
    assert.equal(again.statusCode, 400);
    const update = await rejection(stripe.disputes.update(dispute.id, { submit: true }));
    assert.match(update.message, /lost/);
  });
});
