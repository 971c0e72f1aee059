/** Connect through the real `stripe` SDK: destination charges, separate transfers, reversals and their refunds. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { startEmulator } from './index.ts';
import { rejection, useEmulator } from './test-support.ts';

let stripe: Stripe;
useEmulator({ refundDelayMs: 100 }, (client) => (stripe = client));

function connectedAccount(capabilities: Stripe.AccountCreateParams.Capabilities = { transfers: { requested: true } }) {
  return stripe.accounts.create({ type: 'express', country: 'US', email: 'seller@example.com', capabilities });
}

function destinationCharge(destination: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}) {
  return stripe.paymentIntents.create({
    amount: 10_000,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    allowed_payment_method_types: ['card'],
    confirm: true,
    transfer_data: { destination },
    application_fee_amount: 1000,
    expand: ['latest_charge.transfer', 'latest_charge.application_fee'],
    ...extra,
  });
}

function chargeOf(intent: Stripe.PaymentIntent): Stripe.Charge {
  assert.equal(typeof intent.latest_charge, 'object');
  return intent.latest_charge as Stripe.Charge;
}

async function transactionOf(id: string | Stripe.BalanceTransaction | null): Promise<Stripe.BalanceTransaction> {
  return stripe.balanceTransactions.retrieve(String(typeof id === 'object' && id ? id.id : id));
}

describe('connected accounts', () => {
  it('are created with the capabilities they ask for, and can be retrieved', async () => {
    const account = await connectedAccount();
    assert.match(account.id, /^acct_/);
    assert.equal(account.type, 'express');
    assert.equal(account.capabilities?.transfers, 'active');
    assert.equal(account.payouts_enabled, true);
    assert.equal((await stripe.accounts.retrieve(account.id)).email, 'seller@example.com');
  });

  it('refuses an unknown type and an unknown account', async () => {
    const error = await rejection(stripe.accounts.create({ type: 'premium' as 'express' }));
    assert.equal(error.param, 'type');
    const missing = await rejection(stripe.accounts.retrieve('acct_nothere'));
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.code, 'resource_missing');
  });
});

describe('destination charges', () => {
  it('transfer the whole payment and collect the application fee back', async () => {
    const account = await connectedAccount();
    const intent = await destinationCharge(account.id);
    assert.equal(intent.status, 'succeeded');
    assert.equal(intent.application_fee_amount, 1000);
    assert.equal(intent.transfer_data?.destination, account.id);
    const charge = chargeOf(intent);
    const transfer = charge.transfer as Stripe.Transfer;
    assert.match(transfer.id, /^tr_/);
    assert.deepEqual(
      [transfer.amount, transfer.destination, transfer.source_transaction],
      [10_000, account.id, charge.id],
    );
    assert.equal(charge.transfer_group, `group_${intent.id}`);
    const fee = charge.application_fee as Stripe.ApplicationFee;
    assert.match(fee.id, /^fee_/);
    assert.deepEqual([fee.amount, fee.account, fee.originating_transaction], [1000, account.id, charge.id]);

    const transferMoney = await transactionOf(transfer.balance_transaction);
    assert.deepEqual(
      [transferMoney.type, transferMoney.amount, transferMoney.source],
      ['transfer', -10_000, transfer.id],
    );
    const feeMoney = await transactionOf(fee.balance_transaction);
    assert.deepEqual(
      [feeMoney.type, feeMoney.amount, feeMoney.reporting_category],
      ['application_fee', 1000, 'platform_earning'],
    );
    // Both wait for the payment's funds, as the charge does.
    const chargeMoney = await stripe.balanceTransactions.retrieve(String(charge.balance_transaction));
    assert.equal(transferMoney.available_on, chargeMoney.available_on);
    assert.equal(transferMoney.status, 'pending');
  });

  it('moves the money when a destination charge is confirmed later', async () => {
    const account = await connectedAccount();
    const created = await destinationCharge(account.id, { confirm: false, expand: [] });
    assert.equal(created.status, 'requires_confirmation');
    const confirmed = await stripe.paymentIntents.confirm(created.id, { expand: ['latest_charge'] });
    assert.match(String(chargeOf(confirmed).transfer), /^tr_/);
  });

  it('refunds with reverse_transfer and refund_application_fee in proportion, the rest on the last refund', async () => {
    const account = await connectedAccount();
    const intent = await destinationCharge(account.id);
    const first = await stripe.refunds.create({
      payment_intent: intent.id,
      amount: 2500,
      reverse_transfer: true,
      refund_application_fee: true,
      expand: ['transfer_reversal'],
    });
    const reversal = first.transfer_reversal as Stripe.TransferReversal;
    assert.match(reversal.id, /^trr_/);
    assert.deepEqual([reversal.amount, reversal.source_refund], [2500, first.id]);
    const reversalMoney = await transactionOf(reversal.balance_transaction);
    assert.deepEqual([reversalMoney.type, reversalMoney.amount], ['transfer_refund', 2500]);
    const fee = await stripe.applicationFees.retrieve((chargeOf(intent).application_fee as Stripe.ApplicationFee).id);
    assert.deepEqual([fee.amount_refunded, fee.refunded], [250, false]);
    const feeRefund = fee.refunds.data[0];
    assert.ok(feeRefund);
    const feeRefundMoney = await transactionOf(feeRefund.balance_transaction);
    assert.deepEqual([feeRefundMoney.type, feeRefundMoney.amount], ['application_fee_refund', -250]);

    await stripe.refunds.create({ payment_intent: intent.id, reverse_transfer: true, refund_application_fee: true });
    const transfer = await stripe.transfers.retrieve((chargeOf(intent).transfer as Stripe.Transfer).id);
    assert.deepEqual([transfer.amount_reversed, transfer.reversed, transfer.reversals.data.length], [10_000, true, 2]);
    const refundedFee = await stripe.applicationFees.retrieve(fee.id);
    assert.deepEqual([refundedFee.amount_refunded, refundedFee.refunded], [1000, true]);
  });

  it('leaves the transfer alone when the refund does not ask to reverse it', async () => {
    const account = await connectedAccount();
    const intent = await destinationCharge(account.id);
    const refund = await stripe.refunds.create({ payment_intent: intent.id });
    assert.equal(refund.transfer_reversal, null);
    const transfer = await stripe.transfers.retrieve((chargeOf(intent).transfer as Stripe.Transfer).id);
    assert.equal(transfer.amount_reversed, 0);
  });

  it('refuses an account that cannot receive transfers, a fee with no destination, and a fee over the amount', async () => {
    const cardsOnly = await connectedAccount({ card_payments: { requested: true } });
    const noTransfers = await rejection(destinationCharge(cardsOnly.id));
    assert.equal(noTransfers.code, 'insufficient_capabilities_for_transfer');
    assert.equal(noTransfers.param, 'transfer_data[destination]');
    const unknown = await rejection(destinationCharge('acct_nothere'));
    assert.deepEqual([unknown.code, unknown.param], ['resource_missing', 'transfer_data[destination]']);

    const account = await connectedAccount();
    const noDestination = await rejection(
      destinationCharge(account.id, {
        transfer_data: undefined as unknown as Stripe.PaymentIntentCreateParams.TransferData,
      }),
    );
    assert.equal(noDestination.param, 'application_fee_amount');
    const tooBig = await rejection(destinationCharge(account.id, { application_fee_amount: 10_001 }));
    assert.equal(tooBig.param, 'application_fee_amount');
    const typo = await rejection(
      destinationCharge(account.id, { transfer_data: { destination: account.id, amout: 5 } as never }),
    );
    assert.deepEqual([typo.code, typo.param], ['parameter_unknown', 'transfer_data[amout]']);
  });
});

describe('separate charges and transfers', () => {
  it('transfers from a payment, reverses part of it, and refuses to reverse more than is left', async () => {
    const account = await connectedAccount();
    const payment = await stripe.paymentIntents.create({
      amount: 10_000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      confirm: true,
    });
    const transfer = await stripe.transfers.create({
      amount: 7000,
      currency: 'usd',
      destination: account.id,
      source_transaction: String(payment.latest_charge),
      transfer_group: 'ORDER_42',
    });
    assert.deepEqual([transfer.amount, transfer.transfer_group, transfer.reversed], [7000, 'ORDER_42', false]);
    const over = await rejection(
      stripe.transfers.create({
        amount: 3001,
        currency: 'usd',
        destination: account.id,
        source_transaction: String(payment.latest_charge),
      }),
    );
    assert.deepEqual([over.code, over.param], ['balance_insufficient', 'amount']);

    const reversal = await stripe.transfers.createReversal(transfer.id, { amount: 2000 });
    assert.deepEqual([reversal.amount, reversal.transfer], [2000, transfer.id]);
    const tooMuch = await rejection(stripe.transfers.createReversal(transfer.id, { amount: 5001 }));
    assert.equal(tooMuch.param, 'amount');
    await stripe.transfers.createReversal(transfer.id);
    const done = await rejection(stripe.transfers.createReversal(transfer.id));
    assert.equal(done.code, 'transfer_already_reversed');
    const reversals = await stripe.transfers.listReversals(transfer.id, { limit: 1 });
    assert.deepEqual([reversals.data[0]?.amount, reversals.has_more], [5000, true]);
    const byGroup = await stripe.transfers.list({ transfer_group: 'ORDER_42' });
    assert.deepEqual(
      byGroup.data.map((found) => [found.id, found.amount_reversed]),
      [[transfer.id, 7000]],
    );
  });

  it('needs available funds without a source_transaction', async () => {
    const own = await startEmulator();
    try {
      const client = new Stripe('sk_test_emulator', { host: '127.0.0.1', port: own.port, protocol: 'http' });
      const account = await client.accounts.create({
        type: 'custom',
        capabilities: { transfers: { requested: true } },
      });
      const transfer = () => client.transfers.create({ amount: 5000, currency: 'usd', destination: account.id });
      assert.equal((await rejection(transfer())).code, 'balance_insufficient');
      // Pending funds don't count; a payment that bypasses the pending balance does.
      await client.paymentIntents.create({
        amount: 10_000,
        currency: 'usd',
        payment_method: 'pm_card_bypassPending',
        allowed_payment_method_types: ['card'],
        confirm: true,
      });
      const made = await transfer();
      assert.equal(made.source_transaction, null);
      const funds = await client.balance.retrieve();
      assert.equal(funds.available.find((entry) => entry.currency === 'usd')?.amount, 10_000 - 320 - 5000);
    } finally {
      await own.close();
    }
  });
});
