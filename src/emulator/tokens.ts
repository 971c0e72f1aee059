/**
 * Stripe's test card tokens (`tok_visa` …), which stand for a card collected in the browser. Each use of a token
 * makes a new card, as a real single-use token would; the last four digits are those of Stripe's test numbers.
 */
import type { CardDetails } from './wallet-objects.ts';

const visa = { sourceBrand: 'Visa', brand: 'visa' };

const testTokens: Readonly<Record<string, CardDetails>> = {
  tok_visa: { ...visa, last4: '4242', declines: false },
  tok_visa_debit: { ...visa, last4: '5556', declines: false },
  tok_mastercard: { sourceBrand: 'MasterCard', brand: 'mastercard', last4: '4444', declines: false },
  tok_amex: { sourceBrand: 'American Express', brand: 'amex', last4: '8431', declines: false },
  tok_chargeDeclined: { ...visa, last4: '0002', declines: true },
  tok_visa_chargeDeclined: { ...visa, last4: '0002', declines: true },
};

export function testToken(token: string): CardDetails | undefined {
  return Object.hasOwn(testTokens, token) ? testTokens[token] : undefined;
}
