/**
 * Customers and their saved cards, with Stripe's rules: `source` on a customer update replaces the default card
 * (deleting the old one), a card added through `/sources` becomes the default only if there was none, a declined
 * card is refused when attached (Stripe validates it), and `default_source` must name one of the customer's cards.
 */
import type Stripe from 'stripe';
import { testCard } from './cards.ts';
import { ApiError, invalidRequest, resourceMissing } from './errors.ts';
import { nowSeconds } from './ids.ts';
import { declineMessage } from './objects.ts';
import { customerById, paymentMethodById, type State } from './state.ts';
import { testToken } from './tokens.ts';
import { cardObject, customerObject, paymentMethodObject } from './wallet-objects.ts';

export interface CustomerFields {
  email?: string;
  name?: string;
  description?: string;
  metadata: Record<string, string>;
}

export function createCustomer(state: State, input: CustomerFields & { source?: string }): Stripe.Customer {
  // The card is checked before the customer exists, so a declined card leaves nothing behind.
  const token = input.source === undefined ? undefined : cardFromToken(input.source);
  const customer = customerObject({
    created: nowSeconds(),
    email: input.email ?? null,
    name: input.name ?? null,
    description: input.description ?? null,
    metadata: input.metadata,
  });
  state.customers.set(customer.id, customer);
  forgetOldCustomers(state);
  if (token) customer.default_source = saveCard(state, customer, token).id;
  return customer;
}

export interface UpdateCustomer extends Partial<CustomerFields> {
  source?: string;
  defaultSource?: string;
  defaultPaymentMethod?: string | null;
}

export function updateCustomer(state: State, id: string, input: UpdateCustomer): Stripe.Customer {
  const customer = customerById(state, id);
  if (input.defaultSource !== undefined) cardOf(state, customer, input.defaultSource, 'default_source');
  if (input.defaultPaymentMethod) {
    const paymentMethod = paymentMethodById(
      state,
      input.defaultPaymentMethod,
      'invoice_settings[default_payment_method]',
    );
    if (paymentMethod.customer !== customer.id) {
      throw invalidRequest(
        `The customer does not have a payment method with the ID ${paymentMethod.id}. The payment method must be attached to the customer.`,
        { param: 'invoice_settings[default_payment_method]' },
      );
    }
  }
  if (input.source !== undefined) {
    const details = cardFromToken(input.source);
    const previous = typeof customer.default_source === 'string' ? customer.default_source : null;
    customer.default_source = saveCard(state, customer, details).id;
    if (previous) state.cards.delete(previous);
  }
  if (input.defaultSource !== undefined) customer.default_source = input.defaultSource;
  if (input.defaultPaymentMethod !== undefined)
    customer.invoice_settings.default_payment_method = input.defaultPaymentMethod;
  if (input.email !== undefined) customer.email = input.email || null;
  if (input.name !== undefined) customer.name = input.name || null;
  if (input.description !== undefined) customer.description = input.description || null;
  if (input.metadata) customer.metadata = { ...customer.metadata, ...input.metadata };
  return customer;
}

/** `POST /v1/customers/{id}/sources`: adds a card; it becomes the default only when the customer had none. */
export function addSource(state: State, customerId: string, source: string): Stripe.Card {
  const customer = customerById(state, customerId);
  const card = saveCard(state, customer, cardFromToken(source));
  customer.default_source ??= card.id;
  return card;
}

/** Newest first, like every Stripe list. */
export function sourcesOf(state: State, customerId: string): Stripe.Card[] {
  customerById(state, customerId);
  return [...state.cards.values()].filter((card) => card.customer === customerId).reverse();
}

export function deleteSource(state: State, customerId: string, cardId: string): Stripe.DeletedCard {
  const customer = customerById(state, customerId);
  cardOf(state, customer, cardId, 'id');
  state.cards.delete(cardId);
  if (customer.default_source === cardId) customer.default_source = sourcesOf(state, customerId)[0]?.id ?? null;
  return { id: cardId, object: 'card', deleted: true };
}

export function attachPaymentMethod(state: State, id: string, customerId: string): Stripe.PaymentMethod {
  const paymentMethod = testPaymentMethod(state, id) ?? paymentMethodById(state, id);
  const customer = customerById(state, customerId, 'customer');
  if (paymentMethod.customer !== null && paymentMethod.customer !== customer.id) {
    throw invalidRequest(
      'The payment method you provided has already been attached to a customer. Detach it first, or use a new one.',
      { code: 'payment_method_unexpected_state' },
    );
  }
  paymentMethod.customer = customer.id;
  return paymentMethod;
}

export function detachPaymentMethod(state: State, id: string): Stripe.PaymentMethod {
  const paymentMethod = paymentMethodById(state, id);
  if (paymentMethod.customer === null) {
    throw invalidRequest(`The payment method ${id} is not attached to a customer.`, {
      code: 'payment_method_unexpected_state',
    });
  }
  const customer = state.customers.get(String(paymentMethod.customer));
  if (customer?.invoice_settings.default_payment_method === id) customer.invoice_settings.default_payment_method = null;
  paymentMethod.customer = null;
  return paymentMethod;
}

/** Newest first. */
export function paymentMethodsOf(state: State, customerId: string): Stripe.PaymentMethod[] {
  customerById(state, customerId);
  return [...state.paymentMethodObjects.values()].filter((method) => method.customer === customerId).reverse();
}

/** A test payment method (`pm_card_visa`) attached directly becomes a new PaymentMethod, as in Stripe's test mode. */
function testPaymentMethod(state: State, id: string): Stripe.PaymentMethod | undefined {
  const card = testCard(id);
  if (!card) return undefined;
  const paymentMethod = paymentMethodObject({ brand: 'visa', last4: card.last4 }, nowSeconds());
  state.paymentMethods.set(paymentMethod.id, card);
  state.paymentMethodObjects.set(paymentMethod.id, paymentMethod);
  return paymentMethod;
}

function cardFromToken(token: string) {
  const details = testToken(token);
  if (!details) throw resourceMissing('token', token, 'source');
  if (details.declines) {
    throw new ApiError(402, {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: declineMessage,
    });
  }
  return details;
}

function saveCard(state: State, customer: Stripe.Customer, details: ReturnType<typeof cardFromToken>): Stripe.Card {
  const card = cardObject(details, customer.id, nowSeconds());
  state.cards.set(card.id, card);
  return card;
}

function cardOf(state: State, customer: Stripe.Customer, cardId: string, param: string): Stripe.Card {
  const card = state.cards.get(cardId);
  if (!card || card.customer !== customer.id) {
    throw invalidRequest(
      `No such source: '${cardId}'`,
      { code: 'resource_missing', param },
      param === 'id' ? 404 : 400,
    );
  }
  return card;
}

function forgetOldCustomers(state: State): void {
  for (const id of state.customers.keys()) {
    if (state.customers.size <= state.maxCustomers) return;
    state.customers.delete(id);
    const forgotten = [id];
    for (const card of state.cards.values()) {
      if (card.customer !== id) continue;
      state.cards.delete(card.id);
      forgotten.push(card.id);
    }
    state.forgotten(forgotten);
  }
}
