/**
 * Rate limiting behind a small interface, so a deployment with several instances can swap the in-memory
 * limiter for a shared store without touching the handler.
 */
export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until the request would be allowed; 0 when it is. */
  retryAfter: number;
  /** The allowance the decision was made under, so a refusal can quote it; left out by a limiter that can't say. */
  limit?: number;
  windowMs?: number;
}

export interface RateLimiter {
  /** Counts `cost` hits against `key` if they fit in the limit, and says whether they did. */
  take(key: string, cost?: number): RateLimitDecision | Promise<RateLimitDecision>;
}

export interface MemoryRateLimiterOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
}

/**
 * A sliding window: at most `limit` hits in any `windowMs`, with no burst at a window's edge, which matters for
 * staying under Stripe's per-second limit. Keeps one timestamp per hit, so it suits the demo's small limits.
 */
export function createMemoryRateLimiter({ limit, windowMs, now = Date.now }: MemoryRateLimiterOptions): RateLimiter {
  const hits = new Map<string, number[]>();
  let lastSweep = now();

  function sweep(time: number): void {
    if (time - lastSweep < windowMs) return;
    lastSweep = time;
    for (const [key, times] of hits) {
      if ((times.at(-1) ?? 0) <= time - windowMs) hits.delete(key);
    }
  }

  return {
    take(key, cost = 1) {
      const time = now();
      sweep(time);
      const times = (hits.get(key) ?? []).filter((hit) => hit > time - windowMs);
      if (times.length + cost > limit) {
        hits.set(key, times);
        // The hit whose expiry frees enough room; a cost above the limit never fits, so wait a whole window.
        const freeing = times[times.length + cost - limit - 1];
        const waitMs = cost > limit || freeing === undefined ? windowMs : freeing + windowMs - time;
        return { allowed: false, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)), limit, windowMs };
      }
      for (let i = 0; i < cost; i++) times.push(time);
      hits.set(key, times);
      return { allowed: true, retryAfter: 0, limit, windowMs };
    },
  };
}

/** "20 actions a minute" (`noun` in the plural), from the decision itself, so the message can't quote a number other than the one applied. */
export function allowanceOf(decision: RateLimitDecision, noun: string): string | undefined {
  const { limit, windowMs } = decision;
  if (limit === undefined || windowMs === undefined) return undefined;
  const per =
    windowMs === 60_000 ? 'a minute' : windowMs === 1000 ? 'a second' : `every ${Math.round(windowMs / 1000)} seconds`;
  return `${limit} ${limit === 1 ? noun.replace(/s$/, '') : noun} ${per}`;
}
