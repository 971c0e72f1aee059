/**
 * Runs the Stripe emulator on its own (`npm run emulator`), for the demo in another process, curl, or any
 * stripe SDK. EMULATOR_PORT picks the port (12111 by default), EMULATOR_REFUND_DELAY_MS how long pending and
 * failing test refunds take to change status (2000 by default).
 */
import { startEmulator } from '../src/emulator/index.ts';

const port = integerFromEnv('EMULATOR_PORT', 12111);
const refundDelayMs = integerFromEnv('EMULATOR_REFUND_DELAY_MS', 2000);

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

function integerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a whole number, got "${raw}".`);
    process.exit(1);
  }
  return value;
}
