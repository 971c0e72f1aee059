/**
 * Every failure the demo reports, as `{ error: { code, message, param? } }` with a 4xx when the reader can act
 * on it. Stripe's errors are translated into plain words here, never passed through: the reader learns what
 * happened and what to do, and nothing about the account behind the demo leaks.
 */
import type Stripe from 'stripe';
import { HttpError, internalError } from '../http/error.ts';
import { formatMoney } from './view.ts';

export type Subject = 'payment' | 'refund';

export function notFound(subject: Subject, id: string): HttpError {
  return new HttpError(
    404,
    'not_found',
    `There's no demo ${subject} with the id ${id}. The demo only shows payments and refunds it made itself; ` +
      'create a new test payment to carry on.',
  );
}

export function amountTooLarge(requested: number, refundable: number, currency: string): HttpError {
  const asked = formatMoney(requested, currency);
  if (refundable === 0) return alreadyRefunded();
  const left = formatMoney(refundable, currency);
  return new HttpError(
    400,
    'amount_too_large',
    `You asked to refund ${asked}, but only ${left} of this payment is left to refund. Enter ${left} or less, ` +
      "or leave the amount out to refund everything that's left.",
    { param: 'amount' },
  );
}

export function notRefundable(status: string): HttpError {
  return new HttpError(
    409,
    'payment_not_refundable',
    `This payment didn't go through (its status is ${status}), so no money was taken and there's nothing to refund. ` +
      'Create a payment with another scenario to try a refund.',
  );
}

export function notCancelable(status: string | null): HttpError {
  return new HttpError(
    409,
    'refund_not_cancelable',
    `This refund can't be canceled: its status is ${status ?? 'unknown'}. Stripe cancels a refund only while it waits ` +
      'for action (status requires_action), and card refunds never wait: they go straight to the card network.',
  );
}

function alreadyRefunded(): HttpError {
  return new HttpError(
    409,
    'already_refunded',
    "This payment has already been refunded in full, so there's nothing left to refund. Create a new test payment to try again.",
  );
}

/** Stripe's own errors, by the kind the SDK gives them (`StripeCardError`, …) and Stripe's `code`. */
export function translateStripeError(error: unknown, subject: Subject, id: string): HttpError {
  if (error instanceof HttpError) return error;
  if (!isStripeError(error)) return internalError(error);
  switch (error.type) {
    case 'StripeCardError':
      return new HttpError(
        402,
        'card_declined',
        "The card was declined, so the payment failed and no money moved: there's nothing to refund. The declined " +
          'scenario always uses a test card that declines; choose another scenario to make a payment you can refund.',
      );
    case 'StripeIdempotencyError':
      return new HttpError(
        409,
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different request. Repeat the exact same request to get its ' +
          'original answer, or send a new key for a new request.',
        { param: 'Idempotency-Key' },
      );
    case 'StripeRateLimitError':
      return new HttpError(
        429,
        'stripe_busy',
        'Stripe is getting too many requests from the demo right now. Wait a couple of seconds and try again.',
        { retryAfter: 2, cause: error },
      );
    case 'StripeConnectionError':
    case 'StripeAPIError':
      return new HttpError(
        503,
        'stripe_unavailable',
        "The demo couldn't get an answer from Stripe. Try again in a few seconds; if you send the same " +
          "Idempotency-Key, a refund that did go through won't be made twice.",
        { retryAfter: 5, cause: error },
      );
    case 'StripeAuthenticationError':
    case 'StripePermissionError':
      return new HttpError(
        503,
        'demo_unavailable',
        "The demo can't use its Stripe account right now. That's a problem on our side, not with your request; " +
          'please try again later.',
        { retryAfter: 60, cause: error },
      );
  }
  switch (error.code) {
    case 'resource_missing':
      return notFound(subject, id);
    case 'charge_already_refunded':
      return alreadyRefunded();
    case 'charge_disputed':
      return new HttpError(
        409,
        'payment_disputed',
        "This payment is disputed: the cardholder's bank has opened a chargeback, and Stripe doesn't allow a refund on " +
          'a disputed payment, since the customer could be paid back twice. Respond to the dispute instead.',
      );
  }
  if (error.statusCode !== undefined && error.statusCode < 500) {
    return new HttpError(
      400,
      'invalid_request',
      `Stripe didn't accept this request${error.param ? ` (the problem is with ${error.param})` : ''}. ` +
        'Check the values you sent and try again.',
      error.param ? { param: error.param } : {},
    );
  }
  return internalError(error);
}

/**
 * Recognizes the SDK's errors by shape rather than `instanceof`, which fails when a bundler ends up with two
 * copies of the `stripe` package.
 */
export function isStripeError(error: unknown): error is Stripe.errors.StripeError {
  const type: unknown = error instanceof Error ? Reflect.get(error, 'type') : undefined;
  return typeof type === 'string' && type.startsWith('Stripe');
}

/** Stripe refusing a refund's amount; for an amount within the payment, that means more than is left. */
export function isAmountRefusal(error: unknown): boolean {
  return isStripeError(error) && error.type === 'StripeInvalidRequestError' && error.param === 'amount';
}
