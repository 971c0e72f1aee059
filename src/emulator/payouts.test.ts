/** Payouts through the real `stripe` SDK: the balance they draw on, their lifecycle, failures, cancels and lists. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { startEmulator, type Emulator } from './index.ts';
import { eventually, rejection } from './test-support.ts';

const emulators: Emulator[] = [];
after(() => Promise.all(emulators.map((emulator) => emulator.close())));

async function client(payoutDelayMs: number): Promise<Stripe> {
  const emulator = await startEmulator({ refundDelayMs: 100, payoutDelayMs });
  emulators.push(emulator);
  return new Stripe('sk_test_emulator', { host: '127.0.0.1', port: emulator.port, protocol: 'http' });
}

/** Adds $96.80 to the available balance: $100.00 less Stripe's fee, bypassing the pending balance. */
function fund(stripe: Stripe) {
  return stripe.paymentIntents.create({
    amount: 10_000,
    currency: 'usd',
    payment_method: 'pm_card_bypassPending',
    allowed_payment_method_types: ['card'],
    confirm: true,
  });
}

async function available(stripe: Stripe): Promise<number | undefined> {
  return (await stripe.balance.retrieve()).available.find((funds) => funds.currency === 'usd')?.amount;
}

describe('payouts', () => {
  let stripe: Stripe;
  before(async () => {
    stripe = await client(100);
  });

  it('refuses a payout larger than the available balance, and pending funds are not available', async () => {
    await stripe.paymentIntents.create({
      amount: 10_000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      confirm: true,
    });
    const error = await rejection(stripe.payouts.create({ amount: 5000, currency: 'usd' }));
    assert.deepEqual([error.statusCode, error.code, error.param], [400, 'balance_insufficient', 'amount']);
    assert.equal((await stripe.payouts.list()).data.length, 0);
  });

  it('draws on the available balance at once and is paid after the delay', async () => {
    await fund(stripe);
    const before = await available(stripe);
    const payout = await stripe.payouts.create({
      amount: 5000,
      currency: 'usd',
      description: 'Weekly payout',
      metadata: { week: '48' },
      expand: ['balance_transaction'],
    });
    assert.match(payout.id, /^po_/);
    assert.deepEqual(
      [payout.status, payout.method, payout.automatic, payout.type, payout.failure_code],
      ['pending', 'standard', false, 'bank_account', null],
    );
    assert.ok(payout.arrival_date > payout.created);
    assert.equal(payout.arrival_date % 86_400, 0);
    assert.match(String(payout.destination), /^ba_/);
    const money = payout.balance_transaction as Stripe.BalanceTransaction;
    assert.deepEqual([money.type, money.amount, money.source], ['payout', -5000, payout.id]);
    assert.equal(await available(stripe), (before ?? 0) - 5000);
    await eventually(async () => (await stripe.payouts.retrieve(payout.id)).status === 'paid');
    assert.equal((await stripe.payouts.retrieve(payout.id)).trace_id?.status, 'supported');
  });

  it('fails when sent to a closed test bank account, and the money comes back', async () => {
    await fund(stripe);
    const before = await available(stripe);
    const payout = await stripe.payouts.create({
      amount: 3000,
      currency: 'usd',
      destination: 'btok_us_verified_accountClosed',
    });
    await eventually(async () => (await stripe.payouts.retrieve(payout.id)).status === 'failed');
    const failed = await stripe.payouts.retrieve(payout.id, { expand: ['failure_balance_transaction'] });
    assert.equal(failed.failure_code, 'account_closed');
    assert.equal(failed.failure_message, 'The bank account has been closed.');
    const returned = failed.failure_balance_transaction as Stripe.BalanceTransaction;
    assert.deepEqual([returned.type, returned.amount], ['payout_failure', 3000]);
    assert.equal(await available(stripe), before);
  });

  it('lists newest first, by status and arrival date, a page at a time', async () => {
    await fund(stripe);
    const instant = await stripe.payouts.create({ amount: 100, currency: 'usd', method: 'instant' });
    assert.equal(instant.arrival_date, instant.created);
    const failed = await stripe.payouts.list({ status: 'failed' });
    assert.ok(failed.data.length > 0);
    assert.ok(failed.data.every((payout) => payout.status === 'failed'));
    const arrivingNow = await stripe.payouts.list({ arrival_date: { lte: instant.created } });
    assert.deepEqual(
      arrivingNow.data.map((payout) => payout.id),
      [instant.id],
    );
    const first = await stripe.payouts.list({ limit: 1 });
    assert.deepEqual([first.data[0]?.id, first.has_more], [instant.id, true]);
    const second = await stripe.payouts.list({ limit: 1, starting_after: instant.id });
    assert.notEqual(second.data[0]?.id, instant.id);
    const back = await stripe.payouts.list({ limit: 1, ending_before: String(second.data[0]?.id) });
    assert.deepEqual(
      back.data.map((payout) => payout.id),
      [instant.id],
    );
    assert.equal((await rejection(stripe.payouts.list({ status: 'lost' }))).param, 'status');
    assert.equal(
      (await rejection(stripe.payouts.list({ arrival_date: { after: 1 } as never }))).code,
      'parameter_unknown',
    );
  });

  it('refuses an unknown method, destination or parameter', async () => {
    assert.equal(
      (await rejection(stripe.payouts.create({ amount: 100, currency: 'usd', method: 'fast' }))).param,
      'method',
    );
    const destination = await rejection(
      stripe.payouts.create({ amount: 100, currency: 'usd', destination: 'ba_nothere' }),
    );
    assert.deepEqual([destination.code, destination.param], ['resource_missing', 'destination']);
    const unknown = await rejection(stripe.payouts.create({ amount: 100, currency: 'usd', speed: 'fast' } as never));
    assert.deepEqual([unknown.code, unknown.param], ['parameter_unknown', 'speed']);
    assert.equal((await rejection(stripe.payouts.retrieve('po_nothere'))).statusCode, 404);
  });
});

describe('canceling a payout', () => {
  it('returns the money while the payout is pending, and only then', async () => {
    // Payouts stay pending for the whole test.
    const stripe = await client(60_000);
    await fund(stripe);
    const before = await available(stripe);
    const payout = await stripe.payouts.create({ amount: 2000, currency: 'usd' });
    const canceled = await stripe.payouts.cancel(payout.id, { expand: ['failure_balance_transaction'] });
    assert.equal(canceled.status, 'canceled');
    assert.equal((canceled.failure_balance_transaction as Stripe.BalanceTransaction).type, 'payout_cancel');
    assert.equal(await available(stripe), before);
    assert.match((await rejection(stripe.payouts.cancel(payout.id))).message, /status of canceled/);
    const instant = await stripe.payouts.create({ amount: 100, currency: 'usd', method: 'instant' });
    assert.match((await rejection(stripe.payouts.cancel(instant.id))).message, /Instant payouts/);
  });
});
