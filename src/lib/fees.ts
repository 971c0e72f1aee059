/**
 * The arithmetic of fees and refunds, in the smallest currency unit (cents) so that no rounding error creeps in.
 * Used by the fee calculator in the browser and by its tests.
 */

export interface FeeRate {
  /** Percentage of the payment, e.g. 2.9. */
  percent: number;
  /** Fixed part per payment, in cents, e.g. 30. */
  fixed: number;
}

/** Stripe's standard US online card rate, used as the calculator's starting point. */
export const STANDARD_US_CARD_RATE: FeeRate = { percent: 2.9, fixed: 30 };

/** The fee on a payment: the percentage rounded to the nearest cent, plus the fixed part. */
export function feeFor(amount: number, rate: FeeRate): number {
  return Math.round((amount * rate.percent) / 100) + rate.fixed;
}

export interface RefundOutcome {
  fee: number;
  /** What reached the balance from the payment: amount − fee. */
  net: number;
  /** What the customer gets back. */
  refunded: number;
  /** How much the balance goes down because of the refund (the fee is not given back, so this is the refund). */
  balanceLoss: number;
  /** The processing fee, which stays with Stripe whatever is refunded. */
  feeKept: number;
  /** What the merchant keeps from this payment after the refund: amount − fee − refund (negative is a loss). */
  kept: number;
  /** What could still be refunded later. */
  remaining: number;
}

export function refundOutcome(amount: number, refund: number, rate: FeeRate): RefundOutcome {
  if (!Number.isInteger(amount) || amount <= 0) throw new RangeError('amount must be a positive whole number of cents');
  if (!Number.isInteger(refund) || refund < 0 || refund > amount)
    throw new RangeError('refund must be between 0 and the payment amount');
  const fee = feeFor(amount, rate);
  return {
    fee,
    net: amount - fee,
    refunded: refund,
    balanceLoss: refund,
    feeKept: fee,
    kept: amount - fee - refund,
    remaining: amount - refund,
  };
}

/** Reads "12.34", "12,34", "$1,200" or "1200" as cents; undefined when it is not an amount. */
export function parseAmount(text: string): number | undefined {
  const cleaned = text
    .trim()
    .replace(/^[$€£]\s*/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '')
    .replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return undefined;
  return Math.round(Number(cleaned) * 100);
}

export function formatCents(cents: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}
