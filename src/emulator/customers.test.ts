/** Customers, saved cards, payment methods and the balance, through the real `stripe` SDK over HTTP. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { rejection, useEmulator } from './test-support.ts';

let stripe: Stripe;
useEmulator({}, (client) => (stripe = client));

function payToSave(customer?: string) {
  return stripe.paymentIntents.create({
    amount: 5000,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    allowed_payment_method_types: ['card'],
    confirm: true,
    setup_future_usage: 'off_session',
    ...(customer !== undefined && { customer }),
  });
}

describe('customers', () => {
  it('creates a customer whose token becomes the default card; refuses unknown tokens and parameters', async () => {
    const customer = await stripe.customers.create({
      source: 'tok_visa',
      email: 'jo@example.com',
      metadata: { plan: 'pro' },
    });
    assert.match(customer.id, /^cus_/);
    assert.equal(customer.email, 'jo@example.com');
    assert.match(String(customer.default_source), /^card_/);
    const unknown = await rejection(stripe.customers.create({ source: 'tok_nope' }));
    assert.deepEqual([unknown.statusCode, unknown.code, unknown.param], [400, 'resource_missing', 'source']);
    const typo = await rejection(stripe.customers.create({ emial: 'x' } as Stripe.CustomerCreateParams));
    assert.deepEqual([typo.code, typo.param], ['parameter_unknown', 'emial']);
  });

  it('retrieves a customer; an unknown id is a 404 resource_missing', async () => {
    const customer = await stripe.customers.create({ name: 'Jo' });
    assert.equal((await stripe.customers.retrieve(customer.id)).id, customer.id);
    const error = await rejection(stripe.customers.retrieve('cus_missing'));
    assert.deepEqual([error.statusCode, error.code], [404, 'resource_missing']);
  });

  it('updating source replaces the default card and deletes the old one', async () => {
    const customer = await stripe.customers.create({ source: 'tok_visa' });
    const old = String(customer.default_source);
    const updated = await stripe.customers.update(customer.id, { source: 'tok_mastercard' });
    assert.notEqual(updated.default_source, old);
    const cards = await stripe.customers.listSources(customer.id, { object: 'card' });
    assert.deepEqual(
      cards.data.map((card) => card.id),
      [updated.default_source],
    );
    assert.equal((cards.data[0] as Stripe.Card).brand, 'MasterCard');
  });

  it('default_source must name one of the customer’s cards', async () => {
    const customer = await stripe.customers.create({ source: 'tok_visa' });
    const second = await stripe.customers.createSource(customer.id, { source: 'tok_mastercard' });
    assert.equal((await stripe.customers.update(customer.id, { default_source: second.id })).default_source, second.id);
    const other = await stripe.customers.create({ source: 'tok_visa' });
    const error = await rejection(
      stripe.customers.update(customer.id, { default_source: String(other.default_source) }),
    );
    assert.deepEqual([error.statusCode, error.code, error.param], [400, 'resource_missing', 'default_source']);
  });

  it('invoice_settings.default_payment_method must be attached to the customer', async () => {
    const customer = await stripe.customers.create({});
    const payment = await payToSave(customer.id);
    const updated = await stripe.customers.update(customer.id, {
      invoice_settings: { default_payment_method: String(payment.payment_method) },
    });
    assert.equal(updated.invoice_settings.default_payment_method, payment.payment_method);
    const loose = await payToSave();
    const error = await rejection(
      stripe.customers.update(customer.id, {
        invoice_settings: { default_payment_method: String(loose.payment_method) },
      }),
    );
    assert.equal(error.param, 'invoice_settings[default_payment_method]');
  });
});

describe('customer sources', () => {
  it('adds a card without replacing the default; the first card of a customer becomes the default', async () => {
    const empty = await stripe.customers.create({});
    const first = await stripe.customers.createSource(empty.id, { source: 'tok_visa' });
    assert.equal(((await stripe.customers.retrieve(empty.id)) as Stripe.Customer).default_source, first.id);
    const customer = await stripe.customers.create({ source: 'tok_visa' });
    const card = (await stripe.customers.createSource(customer.id, { source: 'tok_mastercard' })) as Stripe.Card;
    assert.deepEqual([card.object, card.brand, card.last4, card.customer], ['card', 'MasterCard', '4444', customer.id]);
    assert.notEqual(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).default_source, card.id);
  });

  it('validates the card: a declining token is a 402 card_declined and saves nothing', async () => {
    const customer = await stripe.customers.create({});
    const error = await rejection(stripe.customers.createSource(customer.id, { source: 'tok_visa_chargeDeclined' }));
    assert.deepEqual(
      [error.type, error.statusCode, error.code, error.decline_code],
      ['StripeCardError', 402, 'card_declined', 'generic_decline'],
    );
    assert.equal((await stripe.customers.listSources(customer.id)).data.length, 0);
  });

  it('lists cards newest first; an unknown customer is a 404', async () => {
    const customer = await stripe.customers.create({ source: 'tok_visa' });
    const second = await stripe.customers.createSource(customer.id, { source: 'tok_amex' });
    const cards = await stripe.customers.listSources(customer.id, { object: 'card', limit: 1 });
    assert.deepEqual([cards.data.map((card) => card.id), cards.has_more], [[second.id], true]);
    const error = await rejection(stripe.customers.listSources('cus_missing'));
    assert.equal(error.statusCode, 404);
  });

  it('deletes a card; the default moves to the remaining card; an unknown card is a 404', async () => {
    const customer = await stripe.customers.create({ source: 'tok_visa' });
    const second = await stripe.customers.createSource(customer.id, { source: 'tok_mastercard' });
    const deleted = (await stripe.customers.deleteSource(
      customer.id,
      String(customer.default_source),
    )) as Stripe.DeletedCard;
    assert.deepEqual([deleted.id, deleted.deleted], [customer.default_source, true]);
    assert.equal(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).default_source, second.id);
    const error = await rejection(stripe.customers.deleteSource(customer.id, 'card_missing1'));
    assert.deepEqual([error.statusCode, error.code], [404, 'resource_missing']);
  });
});

describe('payment methods', () => {
  it('a payment with setup_future_usage and a customer saves its card to the customer', async () => {
    const customer = await stripe.customers.create({});
    const payment = await payToSave(customer.id);
    assert.deepEqual([payment.customer, payment.setup_future_usage], [customer.id, 'off_session']);
    const saved = await stripe.customers.listPaymentMethods(customer.id);
    assert.deepEqual(
      saved.data.map((method) => method.id),
      [payment.payment_method],
    );
    const error = await rejection(payToSave('cus_missing'));
    assert.deepEqual([error.statusCode, error.param], [400, 'customer']);
  });

  it('attaches a payment method after the payment, retrieves it, and refuses an unknown customer', async () => {
    const payment = await payToSave();
    const id = String(payment.payment_method);
    assert.equal((await stripe.paymentMethods.retrieve(id)).customer, null);
    const customer = await stripe.customers.create({});
    const attached = await stripe.paymentMethods.attach(id, { customer: customer.id });
    assert.deepEqual([attached.customer, attached.card?.brand, attached.card?.last4], [customer.id, 'visa', '4242']);
    const error = await rejection(stripe.paymentMethods.attach(id, { customer: 'cus_missing' }));
    assert.deepEqual([error.code, error.param], ['resource_missing', 'customer']);
  });

  it('detaches a payment method; detaching one that isn’t attached is refused', async () => {
    const customer = await stripe.customers.create({});
    const payment = await payToSave(customer.id);
    const detached = await stripe.paymentMethods.detach(String(payment.payment_method));
    assert.equal(detached.customer, null);
    const error = await rejection(stripe.paymentMethods.detach(String(payment.payment_method)));
    assert.equal(error.code, 'payment_method_unexpected_state');
    const missing = await rejection(stripe.paymentMethods.retrieve('pm_missing'));
    assert.equal(missing.statusCode, 404);
  });
});

describe('balance', () => {
  it('a charge is pending, a refund is taken from the available balance at once', async () => {
    const before = await stripe.balance.retrieve();
    const usd = (list: Stripe.Balance.Available[]) => list.find((entry) => entry.currency === 'usd')?.amount ?? 0;
    const payment = await payToSave();
    await stripe.refunds.create({ payment_intent: payment.id, amount: 1000 });
    const after = await stripe.balance.retrieve();
    assert.equal(after.object, 'balance');
    assert.equal(usd(after.pending) - usd(before.pending), 5000 - 175);
    assert.equal(usd(after.available) - usd(before.available), -1000);
  });

  it('lists balance transactions by type, newest first; a bad limit is refused', async () => {
    const payment = await payToSave();
    const refund = await stripe.refunds.create({ payment_intent: payment.id, amount: 700 });
    const refunds = await stripe.balanceTransactions.list({ type: 'refund', limit: 5 });
    assert.equal(refunds.data[0]?.id, refund.balance_transaction);
    assert.ok(refunds.data.every((transaction) => transaction.type === 'refund'));
    const error = await rejection(stripe.balanceTransactions.list({ limit: 0 }));
    assert.deepEqual([error.statusCode, error.param], [400, 'limit']);
    const cursor = await rejection(stripe.balanceTransactions.list({ starting_after: 'txn_missing' }));
    assert.deepEqual([cursor.code, cursor.param], ['resource_missing', 'starting_after']);
  });
});
