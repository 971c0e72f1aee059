/**
 * The Stripe client the demo uses: Stripe's test mode with STRIPE_SECRET_KEY, or the emulator (one already
 * running at STRIPE_EMULATOR_URL, else one started in this process on first use). Created lazily, so importing
 * the demo never starts a server or needs a key. A Cloudflare Worker can't start the emulator (it listens with
 * node:http), so there the demo needs STRIPE_SECRET_KEY or STRIPE_EMULATOR_URL.
 */
import Stripe from 'stripe';
import { deployTarget, isWorker } from '../target.ts';
import type { Config } from '../config.ts';
import { HttpError } from '../http/error.ts';

export interface StripeSettings {
  /** A reader is waiting on a button: better a clear "try again" after 5 s than a spinner for the SDK's default 80 s. */
  timeoutMs: number;
  /**
   * One retry after a network error, 409 or 5xx. Safe because every POST carries an idempotency key (the
   * reader's or the SDK's own), so a retried refund is answered from Stripe's record, never made twice.
   */
  maxNetworkRetries: number;
  /** Where Stripe's API is in test mode: api.stripe.com unless a test points the demo at a local recorder. */
  apiUrl: URL | undefined;
}

export const defaultStripeSettings: StripeSettings = { timeoutMs: 5000, maxNetworkRetries: 1, apiUrl: undefined };

export interface StripeConnector {
  get(): Promise<Stripe>;
  /** Stops the in-process emulator, if this connector started one. */
  close(): Promise<void>;
}

/** The emulator accepts any test key; this one says where the requests went. */
const emulatorKey = 'sk_test_emulator';

export function createStripeConnector(config: Config, settings: StripeSettings): StripeConnector {
  let client: Promise<Stripe> | undefined;
  let stopEmulator: (() => Promise<void>) | undefined;

  async function connect(): Promise<Stripe> {
    if (config.stripeSecretKey) {
      return new Stripe(config.stripeSecretKey, {
        ...options(settings),
        ...(settings.apiUrl && address(settings.apiUrl)),
      });
    }
    if (config.emulatorUrl) return new Stripe(emulatorKey, { ...options(settings), ...address(config.emulatorUrl) });
    if (isWorker) {
      throw new HttpError(503, 'demo_unavailable', "The refund demo isn't set up on this site yet. Try again later.", {
        cause: new Error(
          `the in-process Stripe emulator needs Node, and KB_TARGET=${deployTarget} has none: set STRIPE_SECRET_KEY ` +
            '(a test key) or STRIPE_EMULATOR_URL (an emulator running elsewhere)',
        ),
      });
    }
    // Imported here so a deployment with a real key never loads the emulator (and a Worker's bundle never has it).
    const { startEmulator } = await import('../../emulator/index.ts');
    const emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
    stopEmulator = emulator.close;
    return new Stripe(emulatorKey, { ...options(settings), ...address(new URL(emulator.url)) });
  }

  return {
    get() {
      // A failed start is forgotten, so the next request tries again instead of failing forever.
      client ??= connect().catch((error: unknown) => {
        client = undefined;
        throw error;
      });
      return client;
    },
    async close() {
      await stopEmulator?.();
    },
  };
}

function options(settings: StripeSettings): Stripe.StripeConfig {
  return {
    timeout: settings.timeoutMs,
    maxNetworkRetries: settings.maxNetworkRetries,
    appInfo: { name: 'payments-help-center-refund-demo' },
    // Outside Node (edge and worker runtimes) the SDK's Node HTTP client isn't available; fetch is. A Worker gets
    // fetch even where nodejs_compat makes it look like Node.
    ...(globalThis.process?.versions?.node && !isWorker ? {} : { httpClient: Stripe.createFetchHttpClient() }),
  };
}

function address(url: URL): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  return { host: url.hostname, port: url.port || (protocol === 'https' ? 443 : 80), protocol };
}
