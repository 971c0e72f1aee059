/**
 * PaymentIntents and the charges their confirmation creates: a test card either succeeds (with a charge, its
 * balance transaction and Stripe's fee) or declines (a failed charge, the intent back to requires_payment_method).
 */
import type Stripe from 'stripe';
import { testCard, type TestCard } from './cards.ts';
import { ApiError, invalidRequest, resourceMissing } from './errors.ts';
import { newId, nowSeconds } from './ids.ts';
import { cardFee, formatAmount, maximumCharge, minimumChargeFor } from './money.ts';
import { balanceTransactionObject, chargeObject, declineMessage, paymentIntentObject } from './objects.ts';
import { customerById, paymentIntentById, type State } from './state.ts';
import { paymentMethodObject } from './wallet-objects.ts';

export interface CreatePaymentIntent {
  amount: number;
  currency: string;
  paymentMethod?: string;
  confirm: boolean;
  returnUrl?: string;
  metadata: Record<string, string>;
  description?: string;
  allowedPaymentMethodTypes?: string[];
  automaticPaymentMethods?: Stripe.PaymentIntent.AutomaticPaymentMethods;
  customer?: string;
  setupFutureUsage?: Stripe.PaymentIntent.SetupFutureUsage;
}

export function createPaymentIntent(state: State, input: CreatePaymentIntent): Stripe.PaymentIntent {
  checkAmount(input.amount, input.currency);
  if (input.customer !== undefined) customerById(state, input.customer, 'customer');
  const card = input.paymentMethod === undefined ? undefined : findCard(state, input.paymentMethod);
  const allowed = input.allowedPaymentMethodTypes;
  const unsupported = allowed?.find((type) => type !== 'card');
  if (unsupported) {
    throw invalidRequest(
      `The payment method type "${unsupported}" is not supported by the Stripe emulator, which only handles cards.`,
      {
        param: 'allowed_payment_method_types',
      },
    );
  }
  // An intent that doesn't list its payment method types uses automatic payment methods.
  const automatic = input.automaticPaymentMethods ?? (allowed ? null : { enabled: true });
  if (input.confirm) {
    if (!card) throw missingPaymentMethod();
    // Cards never redirect, so an intent limited to them needs no return URL.
    if (!allowed) checkRedirects(automatic, input.returnUrl);
  }

  const paymentIntent = paymentIntentObject({
    amount: input.amount,
    currency: input.currency,
    created: nowSeconds(),
    metadata: input.metadata,
    description: input.description ?? null,
    paymentMethod: input.paymentMethod ?? null,
    allowedPaymentMethodTypes: allowed ?? null,
    automaticPaymentMethods: automatic,
  });
  paymentIntent.customer = input.customer ?? null;
  paymentIntent.setup_future_usage = input.setupFutureUsage ?? null;
  state.paymentIntents.set(paymentIntent.id, paymentIntent);
  state.own(paymentIntent.id, paymentIntent.id);
  return input.confirm && card ? charge(state, paymentIntent, card) : paymentIntent;
}

export interface ConfirmPaymentIntent {
  paymentMethod?: string;
  returnUrl?: string;
}

export function confirmPaymentIntent(state: State, id: string, input: ConfirmPaymentIntent): Stripe.PaymentIntent {
  const paymentIntent = paymentIntentById(state, id);
  const confirmable = ['requires_payment_method', 'requires_confirmation'];
  if (!confirmable.includes(paymentIntent.status)) {
    throw invalidRequest(
      `You cannot confirm this PaymentIntent because it has a status of ${paymentIntent.status}. ` +
        `Only a PaymentIntent with one of the following statuses may be confirmed: ${confirmable.join(', ')}.`,
      { code: 'payment_intent_unexpected_state' },
    );
  }
  const paymentMethod = input.paymentMethod ?? paymentIntent.payment_method;
  if (typeof paymentMethod !== 'string') throw missingPaymentMethod();
  const card = findCard(state, paymentMethod);
  if (!paymentIntent.allowed_payment_method_types)
    checkRedirects(paymentIntent.automatic_payment_methods, input.returnUrl);
  return charge(state, paymentIntent, card);
}

function checkAmount(amount: number, currency: string): void {
  const minimum = minimumChargeFor(currency);
  if (amount < minimum) {
    throw invalidRequest(`Amount must be at least ${formatAmount(minimum, currency)} ${currency}`, {
      code: 'amount_too_small',
      param: 'amount',
    });
  }
  if (amount > maximumCharge) {
    throw invalidRequest(`Amount must be no more than ${formatAmount(maximumCharge, currency)}`, {
      code: 'amount_too_large',
      param: 'amount',
    });
  }
}

function findCard(state: State, paymentMethod: string): TestCard {
  const card = testCard(paymentMethod) ?? state.paymentMethods.get(paymentMethod);
  if (!card) throw resourceMissing('PaymentMethod', paymentMethod, 'payment_method');
  return card;
}

function missingPaymentMethod(): ApiError {
  return invalidRequest(
    "You cannot confirm this PaymentIntent because it's missing a payment method. Update it with a payment_method, or pass one when confirming.",
    { code: 'payment_intent_unexpected_state' },
  );
}

/** Stripe refuses to confirm when a redirecting payment method might be offered and there's nowhere to return to. */
function checkRedirects(
  automatic: Stripe.PaymentIntent.AutomaticPaymentMethods | null,
  returnUrl: string | undefined,
): void {
  if (automatic?.enabled && automatic.allow_redirects !== 'never' && !returnUrl) {
    throw invalidRequest(
      'This PaymentIntent is configured to accept payment methods enabled in your Dashboard. Because some of these payment ' +
        "methods might redirect your customer off of your page, you must provide a `return_url`. If you don't want to accept " +
        'redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and ' +
        '`automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.',
    );
  }
}

/** Confirmation: a fresh PaymentMethod id for the test card, then a charge that succeeds or declines. */
function charge(state: State, paymentIntent: Stripe.PaymentIntent, card: TestCard): Stripe.PaymentIntent {
  const created = nowSeconds();
  const paymentMethod = newId('pm_');
  state.paymentMethods.set(paymentMethod, card);
  state.paymentMethodObjects.set(
    paymentMethod,
    paymentMethodObject({ brand: 'visa', last4: card.last4 }, created, paymentMethod),
  );
  state.own(paymentIntent.id, paymentMethod);

  const transaction = card.declines
    ? null
    : balanceTransactionObject({
        type: 'charge',
        source: '',
        amount: paymentIntent.amount,
        currency: paymentIntent.currency,
        created,
        fee: cardFee(paymentIntent.amount),
      });
  const charge = chargeObject({
    paymentIntent,
    paymentMethod,
    card,
    created,
    balanceTransaction: transaction?.id ?? null,
  });
  state.charges.set(charge.id, { charge, card, refunds: [] });
  state.own(paymentIntent.id, charge.id);
  paymentIntent.latest_charge = charge.id;

  if (transaction) {
    transaction.source = charge.id;
    if (card.bypassPending) Object.assign(transaction, { status: 'available', available_on: created });
    state.balanceTransactions.set(transaction.id, transaction);
    state.own(paymentIntent.id, transaction.id);
    paymentIntent.status = 'succeeded';
    paymentIntent.amount_received = paymentIntent.amount;
    paymentIntent.payment_method = paymentMethod;
    paymentIntent.last_payment_error = null;
    // Saving for later: Stripe attaches the card to the intent's customer once the payment succeeds.
    const saved = state.paymentMethodObjects.get(paymentMethod);
    if (saved && paymentIntent.setup_future_usage && typeof paymentIntent.customer === 'string')
      saved.customer = paymentIntent.customer;
    return paymentIntent;
  }

  const error = new ApiError(402, {
    type: 'card_error',
    code: 'card_declined',
    decline_code: 'generic_decline',
    message: declineMessage,
    charge: charge.id,
  });
  // The intent keeps the decline and waits for another payment method; the error carries the intent as it is now.
  paymentIntent.status = 'requires_payment_method';
  paymentIntent.payment_method = null;
  paymentIntent.last_payment_error = { ...error.body, type: 'card_error', payment_method_type: 'card' };
  error.body.payment_intent = paymentIntent;
  throw error;
}
