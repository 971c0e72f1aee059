/**
 * The demo's settings, read from the environment once, at start: which Stripe to talk to, and how hard a
 * reader may push it. A live key is refused here, before any request could move real money.
 */
export type StripeMode = 'emulator' | 'test';

export type Env = Readonly<Record<string, string | undefined>>;

export interface DemoConfig {
  /** `emulator`: the built-in Stripe emulator, offline; `test`: Stripe's test mode with STRIPE_SECRET_KEY. */
  mode: StripeMode;
  /** An emulator already running elsewhere (STRIPE_EMULATOR_URL); otherwise one starts in-process. */
  emulatorUrl?: URL;
  /** Demo actions (POSTs) a client may make per minute; 0 turns the limit off. */
  rateLimit: number;
}

export class DemoConfigError extends Error {
  override name = 'DemoConfigError';
}

const defaultRateLimit = 20;

export function loadDemoConfig(env: Env): DemoConfig {
  const key = env.STRIPE_SECRET_KEY || undefined;
  assertSafeKey(key);
  const rateLimit = rateLimitOf(env.DEMO_RATE_LIMIT);
  if (key) return { mode: 'test', rateLimit };
  const emulatorUrl = env.STRIPE_EMULATOR_URL ? emulatorUrlOf(env.STRIPE_EMULATOR_URL) : undefined;
  return emulatorUrl ? { mode: 'emulator', emulatorUrl, rateLimit } : { mode: 'emulator', rateLimit };
}

/**
 * Throws unless `key` is absent (the demo then uses its emulator) or a test-mode secret or restricted key.
 * The demo creates and refunds payments for anyone who clicks, so a live key must never reach it. The error
 * never quotes the key.
 */
export function assertSafeKey(key: string | undefined): void {
  if (key === undefined || key === '') return;
  if (/^(sk|rk)_live_/.test(key)) {
    throw new DemoConfigError(
      'STRIPE_SECRET_KEY is a live-mode key. The refund demo makes and refunds payments for every visitor, so it only ' +
        'runs with a test key (sk_test_… or rk_test_…). Use a test key, or unset STRIPE_SECRET_KEY to use the built-in emulator.',
    );
  }
  if (!/^(sk|rk)_test_\w+$/.test(key)) {
    throw new DemoConfigError(
      'STRIPE_SECRET_KEY is not a Stripe test secret key. Use a key that starts with sk_test_ or rk_test_, ' +
        'or unset STRIPE_SECRET_KEY to use the built-in emulator.',
    );
  }
}

function rateLimitOf(raw: string | undefined): number {
  if (raw === undefined || raw === '') return defaultRateLimit;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new DemoConfigError(`DEMO_RATE_LIMIT must be a whole number of actions per minute (0 turns it off), not "${raw}".`);
  }
  return value;
}

function emulatorUrlOf(raw: string): URL {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new DemoConfigError(`STRIPE_EMULATOR_URL must be an http:// URL like http://127.0.0.1:12111, not "${raw}".`);
  }
  return url;
}
