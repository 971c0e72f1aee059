/**
 * What the on-demand routes keep on Cloudflare, where every Worker instance has its own memory: feedback and missed
 * searches in D1, and rate limits in Cloudflare's rate-limit bindings, so a vote outlives the instance that took it
 * and a client that reaches several instances still gets one allowance. The bindings are read through ./bindings.ts,
 * imported on first use, so this module is safe in every build (the others replace bindings.ts with a stub).
 */
import { loadConfig, type Env } from '../config.ts';
import { createD1Store } from '../feedback/d1-store.ts';
import { createFeedbackHandler, lazyStore, type FeedbackHandler } from '../feedback/handler.ts';
import { createBindingRateLimiter, lazyRateLimiter } from '../http/binding-rate-limit.ts';
import { createMemoryRateLimiter, type RateLimiter } from '../http/rate-limit.ts';
import { rateLimitBindings, rateLimitPeriodSeconds, type RateLimitBindingKey } from './binding-names.ts';

const bindings = () => import('./bindings.ts');

/** The feedback handler of a Worker: the settings from `env`, the store in D1, the limit in its binding. */
export function createWorkerFeedbackHandler(env: Env): FeedbackHandler {
  const { feedbackRateLimit, allowedOrigins, trustProxy } = loadConfig(env);
  return createFeedbackHandler({
    store: lazyStore(async () => createD1Store({ db: (await bindings()).feedbackDatabase() })),
    limiter: workerRateLimiter('feedback', feedbackRateLimit) ?? null,
    allowedOrigins,
    trustProxy,
  });
}

/** The demo's per-client limits on a Worker, sized by DEMO_RATE_LIMIT as the in-memory ones are; none when it is 0. */
export function workerDemoLimiters(env: Env): { actions?: RateLimiter; reads?: RateLimiter } {
  const { demoRateLimit } = loadConfig(env);
  const actions = workerRateLimiter('demoActions', demoRateLimit);
  const reads = workerRateLimiter('demoReads', demoRateLimit);
  return { ...(actions && { actions }), ...(reads && { reads }) };
}

/**
 * The shared limiter for `key`, with the limit its setting gives (the build wrote the same number into the binding).
 * Undefined when the setting turns the limit off.
 */
function workerRateLimiter(key: RateLimitBindingKey, setting: number): RateLimiter | undefined {
  if (setting <= 0) return undefined;
  const { name, perSetting } = rateLimitBindings[key];
  const limit = setting * perSetting;
  return lazyRateLimiter(async () => {
    const binding = (await bindings()).rateLimitBinding(name);
    if (binding) return createBindingRateLimiter({ binding, limit, periodSeconds: rateLimitPeriodSeconds });
    // A config that lost the binding: a limit per instance still beats none.
    console.error(`No ${name} binding: the rate limit is counted per Worker instance (see README, "Deploy").`);
    return createMemoryRateLimiter({ limit, windowMs: rateLimitPeriodSeconds * 1000 });
  });
}
