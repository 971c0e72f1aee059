import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rateLimiterContract } from './rate-limit-contract.ts';
import { allowanceOf, createMemoryRateLimiter } from './rate-limit.ts';

rateLimiterContract('memory limiter', {
  open: async (settings) => createMemoryRateLimiter(settings),
});

describe('allowanceOf', () => {
  it('words the allowance a decision was made under, or nothing for a limiter that can’t say', () => {
    const cases: [limit: number, windowMs: number, noun: string, worded: string][] = [
      [20, 60_000, 'actions', '20 actions a minute'],
      [1, 60_000, 'posts', '1 post a minute'],
      [20, 1000, 'calls', '20 calls a second'],
      [5, 10_000, 'reads', '5 reads every 10 seconds'],
    ];
    for (const [limit, windowMs, noun, worded] of cases) {
      assert.equal(allowanceOf({ allowed: false, retryAfter: 5, limit, windowMs }, noun), worded);
    }
    assert.equal(allowanceOf({ allowed: false, retryAfter: 9 }, 'reads'), undefined);
  });
});
