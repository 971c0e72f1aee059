/**
 * The Postgres limiter against a real Postgres engine (PGlite over the wire protocol), through the driver and
 * code a Netlify or Vercel function uses, reached by its connection string.
 */
import { after, before } from 'node:test';
import { startTestPostgres, type TestPostgres } from '../postgres/test-server.ts';
import { createPostgresRateLimiter, type PostgresRateLimiter } from './postgres-rate-limit.ts';
import { rateLimiterContract } from './rate-limit-contract.ts';

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
