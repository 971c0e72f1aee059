/**
 * The rate-limit binding's limiter against Cloudflare's local engine (Miniflare, as `wrangler dev` runs it), with
 * the bindings wrangler.jsonc declares.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rateLimitBindings } from '../cloudflare/binding-names.ts';
import { openLocalBindings, type LocalBindings } from '../cloudflare/local.ts';
import { tempDirs } from '../feedback/test-support.ts';
import { createBindingRateLimiter, lazyRateLimiter } from './binding-rate-limit.ts';
import { allowanceOf } from './rate-limit.ts';

const tempDir = tempDirs('binding-rate-limit-');
let local: LocalBindings;

before(async () => {
  local = await openLocalBindings({ persistDir: tempDir() });
});
after(() => local?.dispose());

/** FEEDBACK_RATE_LIMITER as wrangler.jsonc declares it: 10 a minute. */
function feedbackLimiter() {
  const binding = local.rateLimit(rateLimitBindings.feedback.name);
  return createBindingRateLimiter({ binding, limit: 10, periodSeconds: 60 });
}

describe('createBindingRateLimiter', () => {
  it('gives two instances one allowance: what one took, the other cannot', async () => {
    const [first, second] = [feedbackLimiter(), feedbackLimiter()];
    for (let i = 0; i < 10; i++) {
      const decision = await (i % 2 ? first : second).take('shared reader');
      assert.deepEqual(decision, { allowed: true, retryAfter: 0, limit: 10, windowMs: 60_000 }, `hit ${i + 1}`);
    }
    for (const limiter of [first, second]) {
      assert.deepEqual(await limiter.take('shared reader'), {
        allowed: false,
        retryAfter: 60,
        limit: 10,
        windowMs: 60_000,
      });
    }
    assert.equal(allowanceOf(await first.take('shared reader'), 'posts'), '10 posts a minute');
  });

  it('keeps keys apart', async () => {
    const limiter = feedbackLimiter();
    for (let i = 0; i < 10; i++) assert.equal((await limiter.take('busy reader')).allowed, true);
    assert.equal((await limiter.take('busy reader')).allowed, false);
    assert.equal((await limiter.take('another reader')).allowed, true);
  });

  it('never lets more through than the limit when many take at once', async () => {
    const limiters = [feedbackLimiter(), feedbackLimiter(), feedbackLimiter()];
    const decisions = await Promise.all(
      Array.from({ length: 30 }, (_, i) => limiters[i % limiters.length]!.take('crowd')),
    );
    assert.equal(decisions.filter(({ allowed }) => allowed).length, 10);
  });

  it('counts a cost as that many hits', async () => {
    const limiter = feedbackLimiter();
    assert.equal((await limiter.take('costly', 8)).allowed, true);
    assert.equal((await limiter.take('costly', 3)).allowed, false, 'only two of the ten were left');
  });
});

describe('lazyRateLimiter', () => {
  it('opens the limiter once, and again after a failed open', async () => {
    let opens = 0;
    const limiter = lazyRateLimiter(async () => {
      opens += 1;
      if (opens === 1) throw new Error('binding not loaded yet');
      return feedbackLimiter();
    });
    await assert.rejects(async () => limiter.take('lazy'), /not loaded/);
    assert.equal((await limiter.take('lazy')).allowed, true);
    assert.equal((await limiter.take('lazy')).allowed, true);
    assert.equal(opens, 2);
  });
});
