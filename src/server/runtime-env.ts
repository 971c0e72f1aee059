/**
 * The settings of the on-demand routes where the platform keeps them. Node, Netlify and Vercel put them in
 * process.env, which the handlers read themselves. A Cloudflare Worker gets its variables and secrets as
 * bindings, which the Cloudflare adapter hands to Astro's `getEnv` (the runtime of `astro:env`); this reads the
 * ones the handlers know. Only the routes' instances (instance.ts) use it: the handlers take a plain Env.
 */
import { getEnv } from 'astro/env/runtime';
import type { Env } from './config.ts';
import { isWorker } from './target.ts';

/** Every setting the demo and feedback handlers and the team's report page read (see config.ts). */
const settingNames = [
  'STRIPE_SECRET_KEY',
  'STRIPE_EMULATOR_URL',
  'DEMO_RATE_LIMIT',
  'FEEDBACK_RATE_LIMIT',
  'DEMO_ALLOWED_ORIGINS',
  'TRUST_PROXY',
  'KB_DATA_DIR',
  'DATABASE_URL',
  'REPORT_TOKEN',
] as const;

export function runtimeEnv(): Env {
  if (!isWorker) return globalThis.process?.env ?? {};
  return Object.fromEntries(settingNames.map((name) => [name, getEnv(name) as string | undefined]));
}
