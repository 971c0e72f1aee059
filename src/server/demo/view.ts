/**
 * What the demo shows of Stripe's objects: the few fields a reader follows (status, fee, net, what is left to
 * refund), with fee and net taken from the charge's balance transaction, where Stripe records them.
 */
import type Stripe from 'stripe';

export type DemoRefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer' | 'other';

export interface DemoRefund {
  id: string;
  /** Smallest currency unit, like every amount here. */
  amount: number;
  status: string | null;
  reason: DemoRefundReason | null;
  failure_reason?: string;
  created: number;
}

export interface DemoPayment {
  id: string;
  amount: number;
  currency: string;
  status: Stripe.PaymentIntent.Status;
  /** Stripe's fee on the payment; null when no money moved (a declined card). */
  fee: number | null;
  net: number | null;
  /**
   * The currency of `fee` and `net`: the balance's, which Stripe settles into and which can differ from the payment's
   * (a EUR payment on a USD account has its fee and net in USD). Null when no money moved.
   */
  balance_currency: string | null;
  amount_refunded: number;
  /** How much can still be refunded: 0 once refunded in full, for a disputed payment, or one that failed. */
  refundable: number;
  disputed: boolean;
  /** Newest first; the 100 most recent. */
  refunds: DemoRefund[];
}

export function toDemoPayment(paymentIntent: Stripe.PaymentIntent, refunds: readonly Stripe.Refund[]): DemoPayment {
  const charge = expanded(paymentIntent.latest_charge);
  const transaction = expanded(charge?.balance_transaction);
  const succeeded = charge?.status === 'succeeded';
  const amountRefunded = charge?.amount_refunded ?? 0;
  return {
    id: paymentIntent.id,
    amount: paymentIntent.amount,
    currency: paymentIntent.currency,
    status: paymentIntent.status,
    fee: transaction?.fee ?? null,
    net: transaction?.net ?? null,
    balance_currency: transaction?.currency ?? null,
    amount_refunded: amountRefunded,
    refundable: succeeded && !charge.disputed ? charge.amount - amountRefunded : 0,
    disputed: charge?.disputed ?? false,
    refunds: refunds.map(toDemoRefund),
  };
}

const stripeReasons: readonly string[] = ['duplicate', 'fraudulent', 'requested_by_customer'];

export function toDemoRefund(refund: Stripe.Refund): DemoRefund {
  return {
    id: refund.id,
    amount: refund.amount,
    status: refund.status,
    reason: reasonOf(refund),
    ...(refund.failure_reason ? { failure_reason: refund.failure_reason } : {}),
    created: refund.created,
  };
}

function reasonOf(refund: Stripe.Refund): DemoRefundReason | null {
  if (refund.reason !== null && stripeReasons.includes(refund.reason)) return refund.reason as DemoRefundReason;
  // Stripe has no "other" reason: the demo sends none and keeps the choice in metadata.
  return refund.metadata?.reason === 'other' ? 'other' : null;
}

/** An expandable field, when it was expanded. */
export function expanded<T extends { id: string }>(value: string | T | null | undefined): T | undefined {
  return typeof value === 'object' && value !== null ? value : undefined;
}

/** "$25.00", "€25.00", "£25.00": amounts in messages, from the smallest unit (the demo's currencies have two decimals). */
export function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}
