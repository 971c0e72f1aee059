/** SetupIntents and off-session payments through the real `stripe` SDK: save a card, charge it later, declines. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { rejection, useEmulator } from './test-support.ts';

let stripe: Stripe;
useEmulator({ refundDelayMs: 50 }, (client) => (stripe = client));

async function saveCard(paymentMethod: string, customer?: string) {
  const id = customer ?? (await stripe.customers.create({ email: 'jenny@example.com' })).id;
  const setupIntent = await stripe.setupIntents.create({
    customer: id,
    payment_method: paymentMethod,
    allowed_payment_method_types: ['card'],
    usage: 'off_session',
    confirm: true,
  });
  return { customer: id, setupIntent };
}

function chargeOffSession(customer: string, paymentMethod: string, amount = 4200) {
  return stripe.paymentIntents.create({
    amount,
    currency: 'usd',
    customer,
    payment_method: paymentMethod,
    // As in Stripe: automatic payment methods might redirect, so even an off-session payment names a return URL.
    return_url: 'https://example.com/order/complete',
    off_session: true,
    confirm: true,
  });
}

describe('SetupIntents', () => {
  it('saves a card: succeeded, and the PaymentMethod is attached to the customer', async () => {
    const { customer, setupIntent } = await saveCard('pm_card_visa');
    assert.equal(setupIntent.object, 'setup_intent');
    assert.match(setupIntent.id, /^seti_/);
    assert.equal(setupIntent.status, 'succeeded');
    assert.equal(setupIntent.usage, 'off_session');
    assert.equal(setupIntent.customer, customer);
    assert.match(String(setupIntent.payment_method), /^pm_/);
    assert.match(String(setupIntent.client_secret), new RegExp(`^${setupIntent.id}_secret_`));
    const methods = await stripe.customers.listPaymentMethods(customer);
    assert.deepEqual(
      methods.data.map((method) => method.id),
      [setupIntent.payment_method],
    );
    const retrieved = await stripe.setupIntents.retrieve(setupIntent.id, { expand: ['payment_method'] });
    assert.equal((retrieved.payment_method as Stripe.PaymentMethod).customer, customer);
  });

  it('waits for a payment method, then confirms with one', async () => {
    const customer = (await stripe.customers.create({})).id;
    const created = await stripe.setupIntents.create({ customer, usage: 'on_session' });
    assert.equal(created.status, 'requires_payment_method');
    assert.equal(created.usage, 'on_session');
    const confirmed = await stripe.setupIntents.confirm(created.id, {
      payment_method: 'pm_card_visa',
      return_url: 'https://example.com/return',
    });
    assert.equal(confirmed.status, 'succeeded');
    assert.equal((await stripe.customers.listPaymentMethods(customer)).data.length, 1);
  });

  it('defaults usage to off_session and asks for a return_url when redirecting methods may be offered', async () => {
    const created = await stripe.setupIntents.create({});
    assert.equal(created.usage, 'off_session');
    const error = await rejection(stripe.setupIntents.confirm(created.id, { payment_method: 'pm_card_visa' }));
    assert.match(error.message, /return_url/);
  });

  it('declines a card the issuer refuses, with last_setup_error, and attaches nothing', async () => {
    const customer = (await stripe.customers.create({})).id;
    const error = await rejection(saveCard('pm_card_chargeDeclined', customer));
    assert.equal(error.type, 'StripeCardError');
    assert.equal(error.code, 'card_declined');
    assert.equal(error.decline_code, 'generic_decline');
    const setupIntent = error.setup_intent as Stripe.SetupIntent;
    assert.equal(setupIntent.status, 'requires_payment_method');
    assert.equal(setupIntent.last_setup_error?.code, 'card_declined');
    assert.equal((await stripe.customers.listPaymentMethods(customer)).data.length, 0);
  });

  it('needs the customer to authenticate a card that always asks for 3D Secure', async () => {
    const { setupIntent } = await saveCard('pm_card_authenticationRequired');
    assert.equal(setupIntent.status, 'requires_action');
    assert.equal(setupIntent.next_action?.type, 'use_stripe_sdk');
  });

  it('cancels, and refuses to confirm a canceled SetupIntent', async () => {
    const created = await stripe.setupIntents.create({ allowed_payment_method_types: ['card'] });
    const canceled = await stripe.setupIntents.cancel(created.id, { cancellation_reason: 'abandoned' });
    assert.equal(canceled.status, 'canceled');
    const error = await rejection(stripe.setupIntents.confirm(created.id, { payment_method: 'pm_card_visa' }));
    assert.equal(error.code, 'setup_intent_unexpected_state');
  });

  it('refuses unknown parameters, a bad usage and an unknown customer', async () => {
    const unknown = await rejection(stripe.setupIntents.create({ colour: 'red' } as Stripe.SetupIntentCreateParams));
    assert.equal(unknown.code, 'parameter_unknown');
    const usage = await rejection(stripe.setupIntents.create({ usage: 'sometimes' as 'on_session' }));
    assert.equal(usage.param, 'usage');
    const customer = await rejection(stripe.setupIntents.create({ customer: 'cus_missing' }));
    assert.equal(customer.code, 'resource_missing');
    assert.equal(customer.param, 'customer');
    const missing = await rejection(stripe.setupIntents.retrieve('seti_missing'));
    assert.equal(missing.statusCode, 404);
  });
});

describe('off-session payments with a saved card', () => {
  it('succeed with the saved PaymentMethod itself', async () => {
    const { customer, setupIntent } = await saveCard('pm_card_visa');
    const payment = await chargeOffSession(customer, String(setupIntent.payment_method));
    assert.equal(payment.status, 'succeeded');
    assert.equal(payment.payment_method, setupIntent.payment_method);
  });

  it('fail with authentication_required for a card that asks for 3D Secure, leaving the intent to retry', async () => {
    const customer = (await stripe.customers.create({})).id;
    const card = await stripe.paymentMethods.attach('pm_card_authenticationRequired', { customer });
    const error = await rejection(chargeOffSession(customer, card.id));
    assert.equal(error.type, 'StripeCardError');
    assert.equal(error.statusCode, 402);
    assert.equal(error.code, 'authentication_required');
    assert.equal(error.decline_code, 'authentication_required');
    const intent = error.payment_intent as Stripe.PaymentIntent;
    assert.equal(intent.status, 'requires_payment_method');
    assert.equal(intent.last_payment_error?.code, 'authentication_required');
    assert.equal(intent.last_payment_error?.payment_method?.id, card.id);
    assert.equal(error.payment_method?.id, card.id);
    const retrieved = await stripe.paymentIntents.retrieve(intent.id);
    assert.equal(retrieved.status, 'requires_payment_method');
    assert.equal(retrieved.last_payment_error?.code, 'authentication_required');
  });

  it('ask for authentication on session instead: requires_action', async () => {
    const payment = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      payment_method: 'pm_card_authenticationRequired',
      allowed_payment_method_types: ['card'],
      confirm: true,
    });
    assert.equal(payment.status, 'requires_action');
    assert.equal(payment.next_action?.type, 'use_stripe_sdk');
    assert.equal(payment.latest_charge, null);
  });

  it('decline a saved card that passed setup but fails every charge', async () => {
    const { customer, setupIntent } = await saveCard('pm_card_chargeCustomerFail');
    assert.equal(setupIntent.status, 'succeeded');
    const error = await rejection(chargeOffSession(customer, String(setupIntent.payment_method)));
    assert.equal(error.code, 'card_declined');
    assert.equal(error.decline_code, 'generic_decline');
  });

  it('refuse off_session without confirm', async () => {
    const error = await rejection(
      stripe.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        payment_method: 'pm_card_visa',
        off_session: true,
      }),
    );
    assert.equal(error.param, 'off_session');
  });
});

describe('decline codes', () => {
  const cases: [string, string, string, RegExp][] = [
    ['pm_card_chargeDeclined', 'card_declined', 'generic_decline', /declined/],
    ['pm_card_chargeDeclinedInsufficientFunds', 'card_declined', 'insufficient_funds', /insufficient funds/],
    ['pm_card_chargeDeclinedLostCard', 'card_declined', 'lost_card', /declined/],
    ['pm_card_chargeDeclinedStolenCard', 'card_declined', 'stolen_card', /declined/],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card', /expired/],
    ['pm_card_chargeDeclinedIncorrectCvc', 'incorrect_cvc', 'incorrect_cvc', /security code/],
    ['pm_card_chargeDeclinedProcessingError', 'processing_error', 'processing_error', /processing/],
  ];
  for (const [paymentMethod, code, declineCode, message] of cases) {
    it(`${paymentMethod}: ${code} / ${declineCode}, on the error and the failed charge`, async () => {
      const error = await rejection(
        stripe.paymentIntents.create({
          amount: 2000,
          currency: 'usd',
          payment_method: paymentMethod,
          allowed_payment_method_types: ['card'],
          confirm: true,
        }),
      );
      assert.equal(error.type, 'StripeCardError');
      assert.equal(error.code, code);
      assert.equal(error.decline_code, declineCode);
      assert.match(error.message, message);
      const charge = await stripe.charges.retrieve(String(error.charge));
      assert.equal(charge.status, 'failed');
      assert.equal(charge.failure_code, code);
      assert.equal(charge.outcome?.reason, declineCode);
      const intent = error.payment_intent as Stripe.PaymentIntent;
      assert.equal(intent.last_payment_error?.decline_code, declineCode);
    });
  }
});
