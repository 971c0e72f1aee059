/**
 * What every `RateLimiter` must do, as one node:test suite, run by each limiter's test file. A limiter meant for
 * several instances also passes `shared`: two limiter objects over the same backing store, as two function
 * instances would hold, must share one allowance. Not a test file itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RateLimiter } from './rate-limit.ts';

export interface LimiterSettings {
  limit: number;
  windowMs: number;
  /** The clock the limiter must go by, in ms: the contract moves it to cross a window. */
  now: () => number;
}

export interface RateLimiterContractOptions {
  /**
   * A limiter with these settings and no hits yet: a new backing store, or a name no other limiter of the suite
   * uses. Each call of one test may return another object over the same backing (see `shared`).
   */
  open(settings: LimiterSettings, backing: string): Promise<RateLimiter>;
  /** The limiter is meant to be shared: the contract opens two over one backing and checks they share. */
  shared?: boolean;
  /** Gives back what `open` took (connections), if anything. */
  close?(limiter: RateLimiter): Promise<void>;
}

let backings = 0;

export function rateLimiterContract(name: string, { open, shared = false, close }: RateLimiterContractOptions): void {
  describe(`${name}: the RateLimiter contract`, () => {
    let time = 1_750_000_000_000;
    const now = () => time;
    const opened: RateLimiter[] = [];
    const make = async (limit: number, windowMs: number, backing: string) => {
      const limiter = await open({ limit, windowMs, now }, backing);
      opened.push(limiter);
      return limiter;
    };
    const closeAll = async () => {
      for (const limiter of opened.splice(0)) await close?.(limiter);
    };
    const fresh = () => `contract-${process.pid}-${(backings += 1)}`;

    it('allows the limit, then refuses with a wait of a second or more', async (t) => {
      t.after(closeAll);
      const limiter = await make(3, 60_000, fresh());
      for (let hit = 0; hit < 3; hit++) {
        assert.equal((await limiter.take('reader')).allowed, true);
        time += 10_000;
      }
      const refused = await limiter.take('reader');
      assert.equal(refused.allowed, false);
      assert.equal(refused.retryAfter, 30, 'the first hit leaves the window 30 s later');
      assert.ok(refused.retryAfter >= 1);
    });

    it('keeps clients apart', async (t) => {
      t.after(closeAll);
      const limiter = await make(1, 1000, fresh());
      assert.equal((await limiter.take('a')).allowed, true);
      assert.equal((await limiter.take('a')).allowed, false);
      assert.equal((await limiter.take('b')).allowed, true);
      assert.equal((await limiter.take('203.0.113.9')).allowed, true);
    });

    it('frees the window as its hits age out, with no burst at its edge', async (t) => {
      t.after(closeAll);
      const limiter = await make(20, 1000, fresh());
      assert.equal((await limiter.take('stripe', 18)).allowed, true);
      time += 999;
      assert.equal((await limiter.take('stripe', 3)).allowed, false);
      assert.equal((await limiter.take('stripe', 2)).allowed, true);
      time += 2;
      assert.equal((await limiter.take('stripe', 18)).allowed, true, 'the first 18 have left the window');
      const tooMuch = await limiter.take('stripe', 21);
      assert.equal(tooMuch.allowed, false, 'a cost above the limit never fits');
      assert.ok(tooMuch.retryAfter >= 1);
    });

    it('never lets more through than the limit when many take at once', async (t) => {
      t.after(closeAll);
      const limiter = await make(5, 60_000, fresh());
      const decisions = await Promise.all(Array.from({ length: 30 }, () => limiter.take('crowd')));
      assert.equal(decisions.filter(({ allowed }) => allowed).length, 5);
    });

    if (shared) {
      it('shares one allowance between two instances over the same store', async (t) => {
        t.after(closeAll);
        const backing = fresh();
        const one = await make(4, 60_000, backing);
        const two = await make(4, 60_000, backing);
        assert.equal((await one.take('reader')).allowed, true);
        assert.equal((await two.take('reader')).allowed, true);
        const together = await Promise.all([
          one.take('reader'),
          two.take('reader'),
          one.take('reader'),
          two.take('reader'),
        ]);
        assert.equal(together.filter(({ allowed }) => allowed).length, 2, 'two places were left, for both together');
        const refused = await two.take('reader');
        assert.equal(refused.allowed, false);
        assert.ok(refused.retryAfter >= 1);
        assert.equal((await one.take('someone else')).allowed, true);
      });
    }
  });
}
