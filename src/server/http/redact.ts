/**
 * Stripe secrets out of anything written to a log: an SDK or store error can quote the key it was given, and a
 * log line is read by more people, and kept longer, than the key should be. One rule for every function.
 */
const keyPattern = /\b(sk|rk|pk)_(test|live)_[A-Za-z0-9_]+/g;
const webhookSecretPattern = /\bwhsec_[A-Za-z0-9_]+/g;

/** `text` with every Stripe API key and webhook secret replaced by its prefix and "[redacted]". */
export function redactKeys(text: string): string {
  return text.replace(keyPattern, '$1_$2_[redacted]').replace(webhookSecretPattern, 'whsec_[redacted]');
}
