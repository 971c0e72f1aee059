/**
 * The Postgres store against a real Postgres engine (PGlite over the wire protocol), through the driver and code
 * a Netlify or Vercel function uses, reached by its connection string; migrated as `npm run migrate` does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { acquirePostgres } from '../postgres/client.ts';
import { startTestPostgres, type TestPostgres } from '../postgres/test-server.ts';
import { createFeedbackHandlerFromEnv, type FeedbackHandler } from './handler.ts';
import { runMigrate } from './migrate-command.ts';
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

describe('the feedback function with DATABASE_URL', () => {
  const post = (handler: FeedbackHandler, path: string, body: unknown) =>
    handler(
      new Request(`http://localhost:4321${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      '198.51.100.7',
    );

  it('keeps a vote past the instance that took it, and shares one rate limit between instances', async () => {
    const handle = acquirePostgres(postgres.url);
    await truncateFeedback(handle.sql);
    await handle.release();
    const instance = (n: number) =>
      createFeedbackHandlerFromEnv({
        DATABASE_URL: `${postgres.url}?application_name=function-${n}`,
        FEEDBACK_RATE_LIMIT: '2',
      });
    const one = instance(1);
    const two = instance(2);
    assert.equal(
      (await post(one, '/api/feedback', { page: '/refunds/', helpful: false, reason: 'wrong' })).status,
      201,
    );
    assert.equal((await post(two, '/api/search-misses', { query: 'Refund  to a closed card' })).status, 204);
    assert.equal((await post(two, '/api/feedback', { page: '/refunds/', helpful: true })).status, 201);
    const third = await post(one, '/api/feedback', { page: '/fees/', helpful: true });
    assert.equal(third.status, 429, 'two posts a minute, counted across both instances');
    assert.match((await third.json()).error.message, /The limit is 2 posts a minute/);
    await one.close();
    await two.close();

    const reader = createPostgresStore({ url: `${postgres.url}?application_name=report` });
    const report = await reader.report();
    await reader.close();
    assert.deepEqual(
      report.pages.map(({ page, helpful, notHelpful }) => ({ page, helpful, notHelpful })),
      [{ page: '/refunds/', helpful: 1, notHelpful: 1 }],
    );
    assert.deepEqual(report.misses, [{ query: 'refund to a closed card', count: 1 }]);
  });
});

describe('a Postgres database before `npm run migrate`', () => {
  it('refuses with what to run; migrate applies every migration once, then the store works', async () => {
    const empty = await startTestPostgres({ migrate: false });
    const store = createPostgresStore({ url: empty.url });
    const out: string[] = [];
    const io = { stdout: (text: string) => out.push(text), stderr: (text: string) => out.push(text) };
    try {
      await assert.rejects(async () => store.addSearchMiss('x'), /run `DATABASE_URL=… npm run migrate`/);
      await assert.rejects(async () => store.report(), /feedback tables are missing/);
      assert.equal(await runMigrate({ DATABASE_URL: empty.url }, io), 0);
      assert.match(
        out.join('\n'),
        /applied 3 migrations:\n {2}0001_feedback\n {2}0002_search_clicks\n {2}0003_rate_limits$/,
      );
      assert.equal(await runMigrate({ DATABASE_URL: empty.url }, io), 0);
      assert.match(out.at(-1) ?? '', /up to date, nothing to apply/);
      await store.addSearchMiss('x');
      assert.deepEqual((await store.report()).misses, [{ query: 'x', count: 1 }]);
    } finally {
      await store.close();
      await empty.stop();
    }
  });
});
