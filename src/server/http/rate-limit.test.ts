import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowanceOf, createMemoryRateLimiter } from './rate-limit.ts';

describe('createMemoryRateLimiter', () => {
  it('allows the limit within any window, then says when to retry', async () => {
    let time = 0;
    const limiter = createMemoryRateLimiter({ limit: 3, windowMs: 60_000, now: () => time });
    for (const at of [0, 10_000, 20_000]) {
      time = at;
      assert.deepEqual(await limiter.take('reader'), { allowed: true, retryAfter: 0, limit: 3, windowMs: 60_000 });
    }
    time = 30_000;
    assert.deepEqual(await limiter.take('reader'), { allowed: false, retryAfter: 30, limit: 3, windowMs: 60_000 });
    time = 60_001;
    assert.equal((await limiter.take('reader')).allowed, true, 'the first hit has left the window');
  });

  it('keeps clients apart', async () => {
    const limiter = createMemoryRateLimiter({ limit: 1, windowMs: 1000 });
    assert.equal((await limiter.take('a')).allowed, true);
    assert.equal((await limiter.take('a')).allowed, false);
    assert.equal((await limiter.take('b')).allowed, true);
  });

  it('counts a cost as that many hits, and has no burst at a window edge', async () => {
    let time = 0;
    const limiter = createMemoryRateLimiter({ limit: 20, windowMs: 1000, now: () => time });
    assert.equal((await limiter.take('stripe', 18)).allowed, true);
    time = 999;
    assert.equal((await limiter.take('stripe', 3)).allowed, false);
    assert.equal((await limiter.take('stripe', 2)).allowed, true);
    time = 1001;
    assert.equal((await limiter.take('stripe', 18)).allowed, true, 'the first 18 have expired');
    assert.equal((await limiter.take('stripe', 21)).allowed, false, 'a cost above the limit never fits');
  });
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
