/**
 * The Worker's bindings, read the Cloudflare adapter's way (Astro 6 and later: `env` from `cloudflare:workers`).
 * Only a Cloudflare build may load this module; every other build replaces it with a stub that throws (see
 * src/integrations/target.ts), and the code that needs it imports it lazily after checking `isWorker`.
 */
import { env } from 'cloudflare:workers';
import type { D1Binding } from '../feedback/d1-store.ts';
import type { RateLimitBinding } from '../http/binding-rate-limit.ts';
import { feedbackDatabaseBinding } from './binding-names.ts';

/** The D1 database of feedback; a deployment without it is misconfigured, and feedback answers 500 with this in the log. */
export function feedbackDatabase(): D1Binding {
  const db = env[feedbackDatabaseBinding] as D1Binding | undefined;
  if (!db) {
    throw new Error(
      `The Worker has no ${feedbackDatabaseBinding} binding: keep the d1_databases entry of wrangler.jsonc (see README, "Deploy").`,
    );
  }
  return db;
}

/** A rate-limit binding, or undefined when the build left it out (its setting was 0) or the deploy dropped it. */
export function rateLimitBinding(name: string): RateLimitBinding | undefined {
  return env[name] as RateLimitBinding | undefined;
}
