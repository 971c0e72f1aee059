/**
 * Runs the Stripe emulator on its own (`npm run emulator`), for the demo in another process, curl, or any
 * stripe SDK. EMULATOR_PORT picks the port (12111 by default), EMULATOR_REFUND_DELAY_MS how long pending and
 * failing test refunds take to change status (2000 by default).
 */
import { startEmulator } from '../src/emulator/index.ts';
import { ConfigError, loadConfig, type Config } from '../src/server/config.ts';

const { emulatorPort: port, emulatorRefundDelayMs: refundDelayMs } = settings();

const emulator = await startEmulator({ port, refundDelayMs });

console.log(`Stripe emulator listening on ${emulator.url} (test keys only, data in memory)

Point the refund demo at it:
  STRIPE_EMULATOR_URL=${emulator.url} npm run dev

Point the stripe SDK at it:
  new Stripe('sk_test_emulator', { host: '127.0.0.1', port: ${emulator.port}, protocol: 'http' })

Or curl it:
  curl ${emulator.url}/v1/payment_intents -u sk_test_emulator: -d amount=2000 -d currency=usd \\
    -d payment_method=pm_card_visa -d "allowed_payment_method_types[]=card" -d confirm=true`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}

function settings(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
