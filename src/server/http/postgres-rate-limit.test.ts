/**
 * The Postgres limiter against a real Postgres engine (PGlite over the wire protocol), through the driver and
 * code a Netlify or Vercel function uses, reached by its connection string.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestPostgres, type TestPostgres } from '../postgres/test-server.ts';
import { createPostgresRateLimiter, type PostgresRateLimiter } from './postgres-rate-limit.ts';
import { rateLimiterContract } from './rate-limit-contract.ts';
import { windowLimiter } from './window-limiter.ts';

let postgres: TestPostgres;
before(async () => {
  postgres = await startTestPostgres();
});
after(() => postgres.stop());

let instances = 0;

rateLimiterContract('Postgres limiter', {
  shared: true,
  // Each limiter gets its own connection pool, as in its own function instance: pools are kept per URL.
  open: async (settings, backing) =>
    createPostgresRateLimiter({
      url: `${postgres.url}?application_name=instance-${(instances += 1)}`,
      name: backing,
      ...settings,
    }),
  close: (limiter) => (limiter as PostgresRateLimiter).close(),
});

describe('windowLimiter', () => {
  it('with DATABASE_URL, shares one allowance between two instances of a function', async () => {
    const settings = { name: `demo-actions-${process.pid}`, limit: 2, windowMs: 60_000 };
    const one = windowLimiter({ databaseUrl: `${postgres.url}?application_name=demo-1` }, settings);
    const two = windowLimiter({ databaseUrl: `${postgres.url}?application_name=demo-2` }, settings);
    assert.equal((await one.take('reader')).allowed, true);
    assert.equal((await two.take('reader')).allowed, true);
    const refused = await one.take('reader');
    assert.deepEqual(
      { allowed: refused.allowed, limit: refused.limit, windowMs: refused.windowMs },
      { allowed: false, limit: 2, windowMs: 60_000 },
    );
  });

  it('without it, counts in this instance’s memory', async () => {
    const settings = { name: 'demo-actions', limit: 1, windowMs: 60_000 };
    const one = windowLimiter({ databaseUrl: undefined }, settings);
    const two = windowLimiter({ databaseUrl: undefined }, settings);
    assert.equal((await one.take('reader')).allowed, true);
    assert.equal((await two.take('reader')).allowed, true, 'another instance has its own allowance');
    assert.equal((await one.take('reader')).allowed, false);
  });
});
