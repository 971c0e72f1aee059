/**
 * Stripe secrets out of anything written to a log: an SDK or store error can quote the key it was given, and a
 * log line is read by more people, and kept longer, than the key should be. One rule for every function.
 */
const keyPattern = /\b(sk|rk|pk)_(test|live)_[A-Za-z0-9_]+/g;
const webhookSecretPattern = /\bwhsec_[A-Za-z0-9_]+/g;
/** The password of a connection string (DATABASE_URL), as a driver error may quote it. */
const urlPasswordPattern = /\b(postgres(?:ql)?:\/\/[^:/?#@\s]*):[^@\s/]*@/g;

/** `text` with every Stripe API key, webhook secret and connection-string password replaced by "[redacted]". */
export function redactKeys(text: string): string {
  return text
    .replace(keyPattern, '$1_$2_[redacted]')
    .replace(webhookSecretPattern, 'whsec_[redacted]')
    .replace(urlPasswordPattern, '$1:[redacted]@');
}
