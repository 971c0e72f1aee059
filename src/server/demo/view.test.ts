import { test } from 'node:test';
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { toDemoPayment } from './view.ts';

/** A EUR payment on a USD account, as Stripe returns it with `expand[]=latest_charge.balance_transaction`. */
const eurPaymentOnUsdAccount = {
  id: 'pi_1',
  amount: 5000,
  currency: 'eur',
  status: 'succeeded',
  latest_charge: {
    id: 'ch_1',
    amount: 5000,
    amount_refunded: 0,
    status: 'succeeded',
    disputed: false,
    balance_transaction: { id: 'txn_1', amount: 5420, currency: 'usd', fee: 187, net: 5233 },
  },
} as unknown as Stripe.PaymentIntent;

test('fee and net carry the currency of the balance they were settled into, not the payment’s', () => {
  const payment = toDemoPayment(eurPaymentOnUsdAccount, []);
  assert.equal(payment.currency, 'eur');
  assert.deepEqual([payment.fee, payment.net, payment.balance_currency], [187, 5233, 'usd']);
});

test('a payment that moved no money has no balance currency', () => {
  const declined = { ...eurPaymentOnUsdAccount, status: 'requires_payment_method', latest_charge: null };
  assert.deepEqual(toDemoPayment(declined as Stripe.PaymentIntent, []).balance_currency, null);
});
