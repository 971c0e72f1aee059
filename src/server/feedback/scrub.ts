/**
 * Personal data a reader may type into a comment or a search box without meaning to share it: an email
 * address, a card number, a Stripe API key. The feedback store must hold none of it, so anything that looks
 * like one is replaced with "[removed]" before it is stored. The patterns err on the side of removing: a long
 * run of digits that is not a card number goes too, and nothing of what was removed is kept or logged.
 */
export const removedMarker = '[removed]';

const patterns: readonly RegExp[] = [
  // Stripe keys first: a key's random part can hold digits that the card pattern would otherwise split.
  // Secret (sk_), restricted (rk_) and publishable (pk_) keys, and webhook signing secrets (whsec_).
  /(?<![\p{L}\p{N}])(?:sk|rk|pk|whsec)_(?:test_|live_)?[A-Za-z0-9]{8,}[A-Za-z0-9_]*/gu,
  // An email address: something@domain.tld, with letters of any script.
  /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu,
  // A card number: 13 to 19 digits, possibly grouped with spaces or dashes ("4242 4242 4242 4242"); any
  // longer run of digits is removed whole.
  /\p{Nd}(?:[ -]?\p{Nd}){12,}/gu,
];

/** `text` with anything that looks like an email address, a card number or a Stripe key replaced by "[removed]". */
export function scrubPersonalData(text: string): string {
  return patterns.reduce((scrubbed, pattern) => scrubbed.replace(pattern, removedMarker), text);
}
