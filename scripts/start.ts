/**
 * `npm start` (after the build): serves the built site and its on-demand routes with the Node adapter's
 * standalone server. PORT picks the port (default 4321), HOST the interface (default localhost).
 * A live Stripe key, or a malformed demo setting, stops the server before it listens.
 */
import { DemoConfigError, loadDemoConfig } from '../src/server/demo/config.ts';

process.env.PORT ??= '4321';
process.env.HOST ??= 'localhost';

try {
  const { mode } = loadDemoConfig(process.env);
  console.log(mode === 'emulator' ? 'Refund demo: no STRIPE_SECRET_KEY, so it runs offline against the built-in Stripe emulator.' : 'Refund demo: talking to Stripe in test mode.');
} catch (error) {
  if (!(error instanceof DemoConfigError)) throw error;
  console.error(`Not starting: ${error.message}`);
  process.exit(1);
}

await import(new URL('../dist/server/entry.mjs', import.meta.url).href);
