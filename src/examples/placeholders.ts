/**
 * The made-up parts of a sample that must become real before it runs: object ids like `pi_123` or
 * `cus_Qexample`, the `sk_test_...` key, idempotency keys (Stripe keeps them for a day across the whole account,
 * so each run needs its own) and, against the emulator, Stripe's origin. Stripe's own test values
 * (`pm_card_visa`, `tok_visa`) are real in test mode and stay as written.
 */

/** The prefixes of ids a sample may name; each has a default fixture in fixtures.ts. */
export const idPrefixes = [
  'pi',
  'ch',
  're',
  'cus',
  'pm',
  'card',
  'txn',
  // The payment lifecycle: SetupIntents and disputes (Stripe's dispute ids start with du_ or dp_).
  'seti',
  'du',
  'dp',
  // Money movement: a connected account, a transfer, a payout, an invoice, its line, a credit note, an event.
  'acct',
  'tr',
  'po',
  'in',
  'il',
  'cn',
  'evt',
] as const;
export type IdPrefix = (typeof idPrefixes)[number];

// Placeholders carry a digit or the word `example` (`pi_123`, `cus_Qexample`): that keeps `card_error` a word.
const idPattern = new RegExp(`\\b(?:${idPrefixes.join('|')})_(?!card_)[A-Za-z0-9]*(?:\\d|example)[A-Za-z0-9]*\\b`, 'g');
const keyPattern = /\bsk_test_(?:\.\.\.|YOUR_KEY)/g;
const idempotencyPattern = /(Idempotency-Key: |idempotencyKey: ')([\w-]+)/g;

/** Every placeholder id in the sample, in order of first appearance. */
export function placeholderIds(code: string): string[] {
  return [...new Set(Array.from(code.matchAll(idPattern), (match) => match[0]))];
}

export function prefixOf(id: string): IdPrefix {
  return id.slice(0, id.indexOf('_')) as IdPrefix;
}

export interface Substitution {
  ids: ReadonlyMap<string, string>;
  apiKey: string;
  /** Appended to every idempotency key the sample shows. */
  runId: string;
  /** Where `https://api.stripe.com` really is, when that isn't Stripe. */
  origin?: string;
}

export function substitute(code: string, { ids, apiKey, runId, origin }: Substitution): string {
  let result = code
    .replace(idPattern, (id) => ids.get(id) ?? id)
    .replace(keyPattern, apiKey)
    .replace(idempotencyPattern, (_match, label: string, key: string) => `${label}${key}-${runId}`);
  if (origin !== undefined) result = result.replaceAll('https://api.stripe.com', origin);
  return result;
}
