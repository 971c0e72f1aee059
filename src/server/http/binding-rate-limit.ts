/**
 * A `RateLimiter` over Cloudflare's Workers Rate Limiting binding (`ratelimits` in wrangler.jsonc), so every
 * instance of the Worker counts against the same allowance instead of one of its own.
 *
 * Why this binding and not a Durable Object: the binding's counters are kept per Cloudflare location, and a client
 * reaches the location nearest to it, so all the instances that serve one reader share one count; it answers
 * from that location, adding no round trip to the request. Cloudflare documents it as eventually consistent and
 * permissive (a burst may get a few requests past the limit before the count settles), which is what abuse
 * protection of a feedback form and a demo needs; an exact, global count (billing, quotas) would want a Durable
 * Object, which puts every check through one place and needs its own class exported by the Worker. What the binding
 * can't do: its limit and period (10 or 60 seconds only) are fixed in the deployed config, so the build writes the
 * limit from FEEDBACK_RATE_LIMIT and DEMO_RATE_LIMIT (src/integrations/cloudflare-bindings.ts); it counts in fixed
 * windows, not a sliding one; and it doesn't say when a refused key may try again.
 */
import type { RateLimitDecision, RateLimiter } from './rate-limit.ts';

/** The part of the binding this uses (workers-types' `RateLimit`). */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export interface BindingRateLimiterOptions {
  binding: RateLimitBinding;
  /** The `simple.limit` the binding was deployed with, quoted in a refusal. */
  limit: number;
  /** The binding's `simple.period`: Cloudflare takes 10 or 60. */
  periodSeconds: 10 | 60;
}

export function createBindingRateLimiter({ binding, limit, periodSeconds }: BindingRateLimiterOptions): RateLimiter {
  const windowMs = periodSeconds * 1000;
  return {
    async take(key, cost = 1): Promise<RateLimitDecision> {
      // The binding counts one per call and can't give a hit back, so a cost is that many calls; the callers here
      // all take one.
      for (let i = 0; i < cost; i++) {
        const { success } = await binding.limit({ key });
        // The window's end is not known; a whole period is the longest the wait can be.
        if (!success) return { allowed: false, retryAfter: periodSeconds, limit, windowMs };
      }
      return { allowed: true, retryAfter: 0, limit, windowMs };
    },
  };
}

/** A limiter made on first use (for a binding loaded with a dynamic import); if making it fails, the next use tries again. */
export function lazyRateLimiter(open: () => Promise<RateLimiter>): RateLimiter {
  let opened: Promise<RateLimiter> | undefined;
  return {
    async take(key, cost) {
      opened ??= open().catch((error: unknown) => {
        opened = undefined;
        throw error;
      });
      return (await opened).take(key, cost);
    },
  };
}
