import type Stripe from 'stripe';

/** A decimal field as the API sends it, a string of digits; the SDK turns it into its Decimal type when it parses. */
export function wireDecimal(digits: string): Stripe.Decimal {
  return digits as unknown as Stripe.Decimal;
}
