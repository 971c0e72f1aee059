/** Currencies whose smallest unit is the whole unit (¥100 is `amount: 100`), per Stripe's currency list. */
const zeroDecimal = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);

/** Smallest chargeable amounts Stripe documents; currencies not listed fall back to 50 units. */
const minimumCharge: Readonly<Record<string, number>> = { usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50, jpy: 50 };

/** Stripe caps a single charge at eight digits of the smallest unit. */
export const maximumCharge = 99_999_999;

export function minimumChargeFor(currency: string): number {
  return minimumCharge[currency] ?? 50;
}

/** "$25.00", "€25.00", "¥2,500": how Stripe writes amounts inside error messages. */
export function formatAmount(amount: number, currency: string): string {
  const digits = zeroDecimal.has(currency) ? 0 : 2;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount / 10 ** digits);
}

/**
 * Stripe's standard US card pricing, 2.9% + 30¢, rounded to the nearest smallest unit. Applied to every
 * currency alike: the emulator has no account country or currency conversion.
 */
export function cardFee(amount: number): number {
  return Math.round((amount * 29) / 1000) + 30;
}
