/**
 * Manual capture (`capture_method=manual`): an authorized payment waits in `requires_capture` until it is captured,
 * in full or in part (the rest is released), or canceled (all of it released). Releasing an authorization makes a
 * refund without a balance transaction, since the money never reached the balance.
 */
import type Stripe from 'stripe';
import { openDispute } from './disputes.ts';
import { invalidRequest } from './errors.ts';
import { nowSeconds } from './ids.ts';
import { cardFee, formatAmount } from './money.ts';
import { balanceTransactionObject, refundObject } from './objects.ts';
import { metadata, optionalBoolean, optionalInteger, optionalString } from './params.ts';
import { route, type Route } from './route.ts';
import { chargeById, paymentIntentById, type ChargeRecord, type State } from './state.ts';

/** The reasons a caller may give; Stripe sets the others (`automatic`, `expired`…) itself. */
export const cancellationReasons = ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'] as const;
const cancelable = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];

export function captureRoutes(state: State): Route[] {
  return [
    route(
      'POST',
      /^\/v1\/payment_intents\/([^/]+)\/capture$/,
      'payment_intent',
      ['amount_to_capture', 'final_capture', 'metadata'],
      (params, id) => {
        const amount = optionalInteger(params, 'amount_to_capture');
        // Multicapture isn't available to the emulator's account, so every capture is the final one.
        if (optionalBoolean(params, 'final_capture') === false) {
          throw invalidRequest('Multicapture is not available for this PaymentIntent, so final_capture must be true.', {
            param: 'final_capture',
          });
        }
        return capturePaymentIntent(state, id, { metadata: metadata(params), ...(amount !== undefined && { amount }) });
      },
    ),
    route(
      'POST',
      /^\/v1\/payment_intents\/([^/]+)\/cancel$/,
      'payment_intent',
      ['cancellation_reason'],
      (params, id) => {
        const reason = optionalString(params, 'cancellation_reason');
        const known = cancellationReasons.find((candidate) => candidate === reason);
        if (reason !== undefined && !known) {
          throw invalidRequest(`Invalid cancellation_reason: must be one of ${cancellationReasons.join(', ')}`, {
            param: 'cancellation_reason',
          });
        }
        return cancelPaymentIntent(state, id, known ?? null);
      },
    ),
  ];
}

export function capturePaymentIntent(
  state: State,
  id: string,
  input: { amount?: number; metadata: Record<string, string> },
): Stripe.PaymentIntent {
  const paymentIntent = paymentIntentById(state, id);
  if (paymentIntent.status !== 'requires_capture') {
    throw invalidRequest(
      `This PaymentIntent could not be captured because it has a status of ${paymentIntent.status}. ` +
        'Only a PaymentIntent with one of the following statuses may be captured: requires_capture.',
      { code: 'payment_intent_unexpected_state' },
    );
  }
  const capturable = paymentIntent.amount_capturable;
  const amount = input.amount ?? capturable;
  if (amount <= 0) throw invalidRequest('Invalid positive integer', { param: 'amount_to_capture' });
  if (amount > capturable) {
    const asked = formatAmount(amount, paymentIntent.currency);
    const left = formatAmount(capturable, paymentIntent.currency);
    throw invalidRequest(
      `The amount to capture (${asked}) is greater than the amount capturable on this PaymentIntent (${left}).`,
      { code: 'amount_too_large', param: 'amount_to_capture' },
    );
  }
  const record = chargeById(state, String(paymentIntent.latest_charge));
  const { charge } = record;
  const created = nowSeconds();
  const transaction = balanceTransactionObject({
    type: 'charge',
    source: charge.id,
    amount,
    currency: charge.currency,
    created,
    fee: cardFee(amount),
  });
  state.balanceTransactions.set(transaction.id, transaction);
  state.own(paymentIntent.id, transaction.id);

  charge.captured = true;
  charge.amount_captured = amount;
  charge.balance_transaction = transaction.id;
  // What isn't captured goes back to the card at once, and Stripe counts it as refunded on the charge.
  charge.amount_refunded = charge.amount - amount;
  paymentIntent.status = 'succeeded';
  paymentIntent.amount_received = amount;
  paymentIntent.amount_capturable = 0;
  paymentIntent.metadata = { ...paymentIntent.metadata, ...input.metadata };
  if (record.card.disputed) openDispute(state, charge);
  return paymentIntent;
}

export function cancelPaymentIntent(
  state: State,
  id: string,
  reason: Stripe.PaymentIntent.CancellationReason | null,
): Stripe.PaymentIntent {
  const paymentIntent = paymentIntentById(state, id);
  if (!cancelable.includes(paymentIntent.status)) {
    throw invalidRequest(
      `You cannot cancel this PaymentIntent because it has a status of ${paymentIntent.status}. ` +
        `Only a PaymentIntent with one of the following statuses may be canceled: ${cancelable.join(', ')}.`,
      { code: 'payment_intent_unexpected_state' },
    );
  }
  if (paymentIntent.status === 'requires_capture') {
    const record = chargeById(state, String(paymentIntent.latest_charge));
    release(state, record, { reason: null, metadata: {} });
  }
  markCanceled(paymentIntent, reason);
  return paymentIntent;
}

/**
 * A refund of an authorized, uncaptured payment releases the whole hold and cancels the payment, as Stripe does;
 * a partial one is refused, since capturing less is how you keep part of a hold.
 */
export function refundUncaptured(
  state: State,
  record: ChargeRecord,
  input: { amount?: number; reason: Stripe.Refund.Reason | null; metadata: Record<string, string> },
): Stripe.Refund {
  const { charge } = record;
  if (input.amount !== undefined && input.amount !== charge.amount) {
    throw invalidRequest(
      'You cannot partially refund an uncaptured charge. Instead, capture the charge for an amount less than the original amount.',
      { param: 'amount' },
    );
  }
  const refund = release(state, record, input);
  const paymentIntent = paymentIntentById(state, String(charge.payment_intent));
  markCanceled(paymentIntent, null);
  return refund;
}

/** Gives the whole authorization back: a refund with no balance transaction, the charge fully refunded. */
function release(
  state: State,
  record: ChargeRecord,
  input: { reason: Stripe.Refund.Reason | null; metadata: Record<string, string> },
): Stripe.Refund {
  const { charge } = record;
  const refund = refundObject({
    charge,
    amount: charge.amount,
    reason: input.reason,
    metadata: input.metadata,
    created: nowSeconds(),
    status: 'succeeded',
    balanceTransaction: null,
  });
  // An authorization reversal, not a refund the card network carries: it has no ARN to trace.
  refund.destination_details = { card: { type: 'reversal' }, type: 'card' };
  state.refunds.set(refund.id, { refund, seq: state.nextSeq() });
  state.own(String(charge.payment_intent), refund.id);
  record.refunds.push(refund.id);
  charge.amount_refunded = charge.amount;
  charge.refunded = true;
  return refund;
}

function markCanceled(paymentIntent: Stripe.PaymentIntent, reason: Stripe.PaymentIntent.CancellationReason | null) {
  paymentIntent.status = 'canceled';
  paymentIntent.canceled_at = nowSeconds();
  paymentIntent.cancellation_reason = reason;
  paymentIntent.amount_capturable = 0;
  paymentIntent.next_action = null;
}
