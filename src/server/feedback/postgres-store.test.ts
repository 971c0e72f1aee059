/**
 * The Postgres store against a real Postgres engine (PGlite over the wire protocol), through the driver and code
 * a Netlify or Vercel function uses, reached by its connection string; migrated as `npm run migrate` does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { acquirePostgres } from '../postgres/client.ts';
import { startTestPostgres, type TestPostgres } from '../postgres/test-server.ts';
import { createPostgresStore, truncateFeedback } from './postgres-store.ts';
import { feedbackStoreContract } from './store-contract.ts';

let postgres: TestPostgres;
before(async () => {
  postgres = await startTestPostgres();
});
after(() => postgres.stop());

let instances = 0;
/** A store with its own connection pool, as in its own function instance: pools are kept per URL. */
const instance = (now: () => Date) =>
  createPostgresStore({ url: `${postgres.url}?application_name=instance-${(instances += 1)}`, now });

feedbackStoreContract('Postgres store', {
  async open(now) {
    const handle = acquirePostgres(postgres.url);
    await truncateFeedback(handle.sql);
    await handle.release();
    return instance(now);
  },
  reopen: async (now) => instance(now),
});

describe('Postgres store without its tables', () => {
  it('says to run the migrations', async () => {
    const empty = await startTestPostgres({ migrate: false });
    const store = createPostgresStore({ url: empty.url });
    try {
      await assert.rejects(async () => store.addSearchMiss('x'), /run `DATABASE_URL=… npm run migrate`/);
      await assert.rejects(async () => store.report(), /feedback tables are missing/);
    } finally {
      await store.close();
      await empty.stop();
    }
  });
});
