/**
 * The rate limiter a function gets from its settings: with DATABASE_URL, the Postgres limiter, one allowance
 * shared by every instance of the function; without, this instance's memory (node's one server process, or a
 * Worker, whose shared limits are Cloudflare's own). The Postgres code is imported on first use, so a deployment
 * without a database never loads the driver, and the Worker's bundle never runs it.
 */
import type { Config } from '../config.ts';
import { isWorker } from '../target.ts';
import { createMemoryRateLimiter, type RateLimitDecision, type RateLimiter } from './rate-limit.ts';

export interface WindowSettings {
  /** Tells this limiter's rows apart from the others' in the shared table: "feedback", "demo-actions"... */
  name: string;
  limit: number;
  windowMs: number;
}

export function windowLimiter({ databaseUrl }: Pick<Config, 'databaseUrl'>, settings: WindowSettings): RateLimiter {
  if (!databaseUrl || isWorker) return createMemoryRateLimiter(settings);
  let shared: Promise<RateLimiter> | undefined;
  return {
    async take(key: string, cost?: number): Promise<RateLimitDecision> {
      shared ??= import('./postgres-rate-limit.ts').then(({ createPostgresRateLimiter }) =>
        createPostgresRateLimiter({ url: databaseUrl, ...settings }),
      );
      return (await shared).take(key, cost);
    },
  };
}
