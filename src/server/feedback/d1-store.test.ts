/**
 * The D1 store against Cloudflare's real local engine: Miniflare (what `wrangler dev` runs), the schema applied by
 * `wrangler d1 migrations apply --local` as for a deploy, the binding declared by wrangler.jsonc.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  applyLocalD1Migrations,
  openLocalBindings,
  openLocalD1Store,
  unappliedMigrations,
  type LocalBindings,
} from '../cloudflare/local.ts';
import { createD1Store } from './d1-store.ts';
import type { FeedbackStore } from './store.ts';
import { tempDirs } from './test-support.ts';

const tempDir = tempDirs('d1-store-');
const today = new Date('2025-06-15T23:59:00Z');

let persistDir: string;
let local: LocalBindings;

before(async () => {
  persistDir = tempDir();
  await applyLocalD1Migrations({ persistDir });
  local = await openLocalBindings({ persistDir });
});
after(() => local?.dispose());

/** A store over an emptied database: every table the migrations made, emptied (their record kept). */
async function freshStore(): Promise<FeedbackStore> {
  const { results } = await local.db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'",
    )
    .all<{ name: string }>();
  await local.db.batch(results.map(({ name }) => local.db.prepare(`DELETE FROM "${name}"`)));
  return createD1Store({ db: local.db, now: () => today });
}

describe('D1 store', () => {
  let store: FeedbackStore;
  beforeEach(async () => {
    store = await freshStore();
  });

  it('finds the tables wrangler made from migrations/d1, and the record of each migration', async () => {
    const { results } = await local.db.prepare('SELECT name FROM d1_migrations ORDER BY id').all<{ name: string }>();
    assert.deepEqual(
      results.map(({ name }) => name),
      ['0001_feedback.sql', '0002_search_clicks.sql'],
    );
    assert.deepEqual(await unappliedMigrations(local.db), []);
    const report = await store.report();
    assert.deepEqual([report.pages, report.comments, report.misses], [[], [], []]);
  });

  it('counts yes, no and reasons per page, lists comments newest first and misses most frequent first', async () => {
    const page = '/refunds/partial-refunds/';
    await store.addFeedback({ page, helpful: true, day: '2025-06-14' });
    await store.addFeedback({ page, helpful: false, reason: 'wrong', comment: 'The fee is not returned.' });
    await store.addFeedback({ page: '/fees/', helpful: true, comment: 'Clear.', day: '2025-06-13' });
    await store.addSearchMiss('  Refund   TIMING ');
    await store.addSearchMiss('refund timing', '2025-06-10');
    await store.addSearchMiss('payout');
    const report = await store.report();
    assert.deepEqual(report.pages, [
      {
        page,
        helpful: 1,
        notHelpful: 1,
        reasons: { missing_information: 0, wrong: 1, hard_to_follow: 0, did_not_solve: 0 },
      },
      {
        page: '/fees/',
        helpful: 1,
        notHelpful: 0,
        reasons: { missing_information: 0, wrong: 0, hard_to_follow: 0, did_not_solve: 0 },
      },
    ]);
    assert.deepEqual(report.comments, [
      { page, day: '2025-06-15', helpful: false, reason: 'wrong', comment: 'The fee is not returned.' },
      { page: '/fees/', day: '2025-06-13', helpful: true, comment: 'Clear.' },
    ]);
    assert.deepEqual(report.misses, [
      { query: 'refund timing', count: 2 },
      { query: 'payout', count: 1 },
    ]);
    const since = await store.report({ since: '2025-06-14', limit: 1 });
    assert.deepEqual(since.misses, [{ query: 'payout', count: 1 }]);
    assert.equal(since.comments.length, 1);
    assert.deepEqual(
      since.pages.map(({ page }) => page),
      [page],
    );
  });

  it('counts opened results per query, top pages first, and the days for the charts', async () => {
    await store.addSearchClick('Refund Fee', '/fees/refund-fees/', '2025-06-14');
    await store.addSearchClick('refund fee', '/fees/refund-fees/');
    await store.addSearchClick('refund fee', '/refunds/partial-refunds/');
    await store.addSearchClick('payout', '/payouts/');
    await store.addSearchMiss('chargeback', '2025-06-14');
    await store.addFeedback({ page: '/fees/', helpful: false });
    const report = await store.report();
    assert.deepEqual(report.clicks, [
      {
        query: 'refund fee',
        count: 3,
        pages: [
          { page: '/fees/refund-fees/', count: 2 },
          { page: '/refunds/partial-refunds/', count: 1 },
        ],
      },
      { query: 'payout', count: 1, pages: [{ page: '/payouts/', count: 1 }] },
    ]);
    assert.deepEqual(report.daily, [
      { day: '2025-06-14', helpful: 0, notHelpful: 0, misses: 1, clicks: 1 },
      { day: '2025-06-15', helpful: 0, notHelpful: 1, misses: 0, clicks: 3 },
    ]);
  });

  it('loses no count when two instances write the same counters at once', async () => {
    // Two stores over one database: two Worker instances sharing FEEDBACK_DB.
    const other = createD1Store({ db: local.db, now: () => today });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => [
        (i % 2 ? store : other).addSearchMiss('dispute fee'),
        (i % 2 ? other : store).addFeedback({ page: '/disputes/', helpful: i % 3 !== 0 }),
      ]).flat(),
    );
    const report = await store.report();
    assert.deepEqual(report.misses, [{ query: 'dispute fee', count: 40 }]);
    assert.deepEqual(
      report.pages.map(({ helpful, notHelpful }) => helpful + notHelpful),
      [40],
    );
  });

  it('refuses a malformed day, since or limit before reaching the database', async () => {
    await assert.rejects(async () => store.addFeedback({ page: '/', helpful: true, day: '15/06/2025' }), /YYYY-MM-DD/);
    await assert.rejects(async () => store.addSearchMiss('x', 'today'), /YYYY-MM-DD/);
    await assert.rejects(async () => store.report({ since: 'June' }), /since/);
    await assert.rejects(async () => store.report({ limit: -1 }), /limit/);
  });
});

describe('D1 data on disk', () => {
  it('outlives the engine that wrote it: a new Miniflare over the same persist folder reads it back', async () => {
    const store = await freshStore();
    await store.addSearchMiss('refund to a closed card');
    await local.dispose();
    local = await openLocalBindings({ persistDir });
    const { misses } = await createD1Store({ db: local.db }).report();
    assert.deepEqual(misses, [{ query: 'refund to a closed card', count: 1 }]);
  });

  it('is refused for the report until wrangler has applied the migrations there, saying what to run', async () => {
    await assert.rejects(
      openLocalD1Store({ persistDir: tempDir() }),
      /lacks migrations 0001_feedback.sql, 0002_search_clicks.sql: run `KB_D1_STATE=.+ npm run migrate`/,
    );
  });
});
