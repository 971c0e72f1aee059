/** The money-movement recipes make what their names promise, against the emulator through the real SDK. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { makeFixtures, recipeFor, unavailable } from './fixtures.ts';
import { placeholderIds } from './placeholders.ts';
import { useEmulator } from '../emulator/test-support.ts';

let stripe: Stripe;
useEmulator({ refundDelayMs: 60_000, payoutDelayMs: 50 }, (client) => (stripe = client));

const target = () => ({ stripe, emulator: true });

describe('money-movement placeholders', () => {
  it('are recognised in samples and get their default recipes', () => {
    const ids = placeholderIds('curl https://api.stripe.com/v1/transfers/tr_123 acct_1Example po_123 str_123');
    assert.deepEqual(ids, ['tr_123', 'acct_1Example', 'po_123']);
    assert.deepEqual(
      ids.map((id) => recipeFor(id, {})),
      ['transfer', 'connected-account', 'payout'],
    );
  });

  it('share one connected account within a sample', async () => {
    const made = await makeFixtures(target(), { acct_123: 'connected-account', pi_123: 'destination-charge' }, []);
    const payment = await stripe.paymentIntents.retrieve(String(made.get('pi_123')), { expand: ['latest_charge'] });
    assert.equal(payment.transfer_data?.destination, made.get('acct_123'));
    assert.equal(payment.application_fee_amount, 1000);
    assert.match(String((payment.latest_charge as Stripe.Charge).transfer), /^tr_/);
  });

  it('make a transfer from a payment and the transfer of a destination charge', async () => {
    const made = await makeFixtures(target(), { tr_123: 'transfer', tr_456: 'destination-transfer' }, []);
    const transfer = await stripe.transfers.retrieve(String(made.get('tr_123')));
    assert.deepEqual([transfer.amount, transfer.transfer_group], [7000, 'ORDER_1042']);
    assert.match(String(transfer.source_transaction), /^ch_/);
    assert.equal((await stripe.transfers.retrieve(String(made.get('tr_456')))).amount, 10_000);
  });

  it('make a paid payout and a failed one', async () => {
    const made = await makeFixtures(target(), { po_123: 'payout', po_456: 'failed-payout' }, []);
    const paid = await stripe.payouts.retrieve(String(made.get('po_123')));
    assert.deepEqual([paid.status, paid.amount], ['paid', 2000]);
    const failed = await stripe.payouts.retrieve(String(made.get('po_456')));
    assert.deepEqual([failed.status, failed.failure_code], ['failed', 'account_closed']);
  });

  it('fund the available balance for a sample that makes a payout, at least $100.00', async () => {
    const usd = (balance: Stripe.Balance) => balance.available.find((funds) => funds.currency === 'usd')?.amount ?? 0;
    await makeFixtures(target(), {}, ['available-funds']);
    assert.ok(usd(await stripe.balance.retrieve()) >= 10_000, 'at least $100.00 is available');
  });

  it('make a paid invoice, its line and a credit note that share it', async () => {
    const made = await makeFixtures(
      target(),
      { in_123: 'paid-invoice', il_123: 'invoice-line', cn_123: 'credit-note' },
      [],
    );
    const invoice = await stripe.invoices.retrieve(String(made.get('in_123')));
    assert.deepEqual([invoice.status, invoice.amount_paid], ['paid', 5000]);
    assert.equal(made.get('il_123'), invoice.lines.data[0]?.id);
    const note = await stripe.creditNotes.retrieve(String(made.get('cn_123')));
    assert.deepEqual([note.invoice, note.amount, note.refunds.length], [invoice.id, 1000, 1]);
    const credit = await makeFixtures(target(), { cn_456: 'balance-credit-note' }, []);
    assert.equal((await stripe.creditNotes.voidCreditNote(String(credit.get('cn_456')))).status, 'void');
  });

  it('make the refund.created event of a fresh refund', async () => {
    const made = await makeFixtures(target(), { evt_123: recipeFor('evt_123', {}) }, []);
    const event = await stripe.events.retrieve(String(made.get('evt_123')));
    assert.equal(event.type, 'refund.created');
    assert.equal((event.data.object as Stripe.Refund).amount, 4000);
  });

  it('say which recipes only the emulator can make', () => {
    const stripeTarget = { stripe, emulator: false };
    assert.match(String(unavailable('connected-account', stripeTarget)), /onboarding/);
    assert.match(String(unavailable('failed-payout', stripeTarget)), /test bank account/);
    assert.equal(unavailable('payout', stripeTarget), undefined);
  });
});
