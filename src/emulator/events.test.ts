/** Events through the real `stripe` SDK: refunds and payouts leave the events Stripe would send. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { eventually, rejection, useEmulator } from './test-support.ts';

let stripe: Stripe;
useEmulator({ refundDelayMs: 50, payoutDelayMs: 50 }, (client) => (stripe = client));

function pay(paymentMethod: string) {
  return stripe.paymentIntents.create({
    amount: 10_000,
    currency: 'usd',
    payment_method: paymentMethod,
    allowed_payment_method_types: ['card'],
    confirm: true,
  });
}

async function eventsOf(type: string, objectId: string): Promise<Stripe.Event[]> {
  const { data } = await stripe.events.list({ type, limit: 100 });
  return data.filter((event) => (event.data.object as { id?: string }).id === objectId);
}

describe('events', () => {
  it('record refund.created and charge.refunded, with what the charge had before', async () => {
    const payment = await pay('pm_card_visa');
    const refund = await stripe.refunds.create({ payment_intent: payment.id, amount: 4000 });
    const [created] = await eventsOf('refund.created', refund.id);
    assert.ok(created);
    assert.match(created.id, /^evt_/);
    assert.deepEqual([created.object, created.livemode], ['event', false]);
    assert.equal((created.data.object as Stripe.Refund).amount, 4000);
    const [refunded] = await eventsOf('charge.refunded', String(payment.latest_charge));
    assert.ok(refunded);
    assert.equal((refunded.data.object as Stripe.Charge).amount_refunded, 4000);
    assert.deepEqual(refunded.data.previous_attributes, { amount_refunded: 0, refunded: false });
    assert.equal((await stripe.events.retrieve(created.id)).type, 'refund.created');
  });

  it('record refund.updated when a pending refund succeeds, and refund.failed when one fails', async () => {
    const pending = await stripe.refunds.create({ payment_intent: (await pay('pm_card_pendingRefund')).id });
    await eventually(async () => (await eventsOf('refund.updated', pending.id)).length === 1);
    const [updated] = await eventsOf('refund.updated', pending.id);
    assert.equal((updated?.data.object as Stripe.Refund).status, 'succeeded');
    assert.deepEqual(updated?.data.previous_attributes, { status: 'pending' });

    const failing = await stripe.refunds.create({ payment_intent: (await pay('pm_card_refundFail')).id });
    await eventually(async () => (await eventsOf('refund.failed', failing.id)).length === 1);
    const all = await stripe.events.list({ type: 'refund.*', limit: 100 });
    const types = all.data.filter((event) => (event.data.object as Stripe.Refund).id === failing.id).map((e) => e.type);
    assert.deepEqual(types, ['refund.updated', 'refund.failed', 'refund.created']);
  });

  it('record payout.paid and payout.failed', async () => {
    // The refunds above drew on the available balance: fund it well beyond them.
    for (let i = 0; i < 3; i++) await pay('pm_card_bypassPending');
    const paid = await stripe.payouts.create({ amount: 1000, currency: 'usd' });
    const failed = await stripe.payouts.create({
      amount: 1000,
      currency: 'usd',
      destination: 'btok_us_verified_noAccount',
    });
    await eventually(async () => (await eventsOf('payout.paid', paid.id)).length === 1);
    await eventually(async () => (await eventsOf('payout.failed', failed.id)).length === 1);
    const [failure] = await eventsOf('payout.failed', failed.id);
    assert.equal((failure?.data.object as Stripe.Payout).failure_code, 'no_account');
    const both = await stripe.events.list({ types: ['payout.paid', 'payout.failed'], limit: 2 });
    assert.ok(both.data.every((event) => event.type === 'payout.paid' || event.type === 'payout.failed'));
  });

  it('filter on delivery: with no webhook endpoint every event counts as delivered', async () => {
    const refund = await stripe.refunds.create({ payment_intent: (await pay('pm_card_visa')).id, amount: 100 });
    const delivered = await stripe.events.list({ type: 'refund.created', delivery_success: true, limit: 100 });
    assert.ok(delivered.data.some((event) => (event.data.object as Stripe.Refund).id === refund.id));
    const undelivered = await stripe.events.list({ delivery_success: false });
    assert.deepEqual(undelivered.data, []);
  });

  it('page newest first and refuse what they cannot answer', async () => {
    const [first, second] = (await stripe.events.list({ limit: 2 })).data;
    assert.ok(first && second && first.created >= second.created);
    const next = await stripe.events.list({ limit: 1, starting_after: first.id });
    assert.equal(next.data[0]?.id, second.id);
    assert.equal((await rejection(stripe.events.retrieve('evt_nothere'))).statusCode, 404);
    const both = await rejection(stripe.events.list({ type: 'refund.created', types: ['refund.updated'] }));
    assert.equal(both.param, 'types');
  });
});
