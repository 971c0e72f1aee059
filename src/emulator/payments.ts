/**
 * PaymentIntents and the charges their confirmation creates: a test card either succeeds (with a charge, its
 * balance transaction and Stripe's fee) or declines (a failed charge, the intent back to requires_payment_method).
 */
import type Stripe from 'stripe';
import { genericDecline, testCard, type Decline, type TestCard } from './cards.ts';
import { openDispute } from './disputes.ts';
import { receiptUrl } from './receipts.ts';
import { ApiError, invalidRequest, resourceMissing } from './errors.ts';
import { newId, nowSeconds } from './ids.ts';
import { cardFee, formatAmount, maximumCharge, minimumChargeFor } from './money.ts';
import { balanceTransactionObject, chargeObject, paymentIntentObject } from './objects.ts';
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
  captureMethod?: Stripe.PaymentIntent.CaptureMethod;
  /** The customer isn't there to authenticate: a card that asks for 3D Secure fails instead. */
  offSession?: boolean;
  receiptEmail?: string;
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
  if (input.offSession !== undefined && !input.confirm) {
    throw invalidRequest('off_session can only be used when confirm=true.', { param: 'off_session' });
  }
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
  paymentIntent.capture_method = input.captureMethod ?? 'automatic';
  paymentIntent.receipt_email = input.receiptEmail ?? null;
  state.paymentIntents.set(paymentIntent.id, paymentIntent);
  state.own(paymentIntent.id, paymentIntent.id);
  if (!input.confirm || !card || input.paymentMethod === undefined) return paymentIntent;
  return charge(state, paymentIntent, card, {
    paymentMethod: input.paymentMethod,
    offSession: input.offSession ?? false,
  });
}

export interface ConfirmPaymentIntent {
  paymentMethod?: string;
  returnUrl?: string;
  offSession?: boolean;
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
  return charge(state, paymentIntent, card, { paymentMethod, offSession: input.offSession ?? false });
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

export function findCard(state: State, paymentMethod: string): TestCard {
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
export function checkRedirects(
  automatic: Stripe.PaymentIntent.AutomaticPaymentMethods | Stripe.SetupIntent.AutomaticPaymentMethods | null,
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

interface Attempt {
  /** A test payment method (`pm_card_visa`) or a saved PaymentMethod's id. */
  paymentMethod: string;
  offSession: boolean;
}

/**
 * Confirmation: a fresh PaymentMethod for a test card (a saved one is used as it is), then a charge that succeeds,
 * is only authorized (manual capture), waits for 3D Secure, or declines.
 */
function charge(
  state: State,
  paymentIntent: Stripe.PaymentIntent,
  card: TestCard,
  attempt: Attempt,
): Stripe.PaymentIntent {
  const created = nowSeconds();
  const paymentMethod = paymentMethodFor(state, paymentIntent, card, attempt.paymentMethod, created);

  if (card.authenticationRequired && !attempt.offSession) {
    // On session the customer can authenticate: the intent waits for them and no charge exists yet.
    paymentIntent.status = 'requires_action';
    paymentIntent.payment_method = paymentMethod;
    paymentIntent.next_action = {
      type: 'use_stripe_sdk',
      use_stripe_sdk: {
        type: 'three_d_secure_redirect',
        stripe_js: `https://hooks.stripe.com/3d_secure_2/${paymentIntent.id}`,
      },
    } as Stripe.PaymentIntent.NextAction;
    return paymentIntent;
  }
  // Off session nobody can authenticate, so the issuer's request for it is a decline.
  const outcome: TestCard = card.authenticationRequired
    ? { ...card, declines: true, decline: authenticationRequired }
    : card;
  const manual = paymentIntent.capture_method === 'manual';

  const transaction =
    outcome.declines || manual
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
    card: outcome,
    created,
    balanceTransaction: transaction?.id ?? null,
  });
  charge.receipt_email = paymentIntent.receipt_email;
  if (!outcome.declines) charge.receipt_url = receiptUrl(charge);
  state.charges.set(charge.id, { charge, card, refunds: [] });
  state.own(paymentIntent.id, charge.id);
  paymentIntent.latest_charge = charge.id;

  if (!outcome.declines) {
    paymentIntent.payment_method = paymentMethod;
    paymentIntent.last_payment_error = null;
    paymentIntent.next_action = null;
    // Saving for later: Stripe attaches the card to the intent's customer once the payment succeeds.
    const saved = state.paymentMethodObjects.get(paymentMethod);
    if (saved && paymentIntent.setup_future_usage && typeof paymentIntent.customer === 'string')
      saved.customer = paymentIntent.customer;
    if (manual) {
      // Authorized only: the money is held on the card, and nothing reaches the balance until capture.
      charge.captured = false;
      charge.amount_captured = 0;
      // A chargeback needs money that moved: a test dispute opens only once the payment is captured.
      charge.disputed = false;
      paymentIntent.status = 'requires_capture';
      paymentIntent.amount_capturable = paymentIntent.amount;
      return paymentIntent;
    }
    if (transaction) {
      transaction.source = charge.id;
      if (card.bypassPending) Object.assign(transaction, { status: 'available', available_on: created });
      state.balanceTransactions.set(transaction.id, transaction);
      state.own(paymentIntent.id, transaction.id);
    }
    paymentIntent.status = 'succeeded';
    paymentIntent.amount_received = paymentIntent.amount;
    if (card.disputed) openDispute(state, charge);
    return paymentIntent;
  }

  const decline = outcome.decline ?? genericDecline;
  const error = new ApiError(402, {
    type: 'card_error',
    code: decline.code,
    decline_code: decline.declineCode,
    message: decline.message,
    charge: charge.id,
  });
  // The intent keeps the decline and waits for another payment method; the error carries the intent as it is now.
  const method = state.paymentMethodObjects.get(paymentMethod);
  paymentIntent.status = 'requires_payment_method';
  paymentIntent.payment_method = null;
  paymentIntent.next_action = null;
  paymentIntent.last_payment_error = {
    ...error.body,
    type: 'card_error',
    payment_method_type: 'card',
    ...(method && { payment_method: method }),
  };
  error.body.payment_intent = paymentIntent;
  if (method) error.body.payment_method = method;
  throw error;
}

/** What an issuer that wants 3D Secure answers when the customer isn't there to give it. */
const authenticationRequired: Decline = {
  code: 'authentication_required',
  declineCode: 'authentication_required',
  message: 'Your card was declined. This transaction requires authentication.',
};

/** A saved PaymentMethod is charged as it is; a test one (`pm_card_visa`) becomes a new PaymentMethod each time. */
function paymentMethodFor(
  state: State,
  paymentIntent: Stripe.PaymentIntent,
  card: TestCard,
  given: string,
  created: number,
): string {
  if (state.paymentMethodObjects.has(given)) return given;
  const paymentMethod = newId('pm_');
  state.paymentMethods.set(paymentMethod, card);
  state.paymentMethodObjects.set(
    paymentMethod,
    paymentMethodObject({ brand: 'visa', last4: card.last4 }, created, paymentMethod),
  );
  state.own(paymentIntent.id, paymentMethod);
  return paymentMethod;
}
