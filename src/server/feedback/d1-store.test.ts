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
import { feedbackStoreContract } from './store-contract.ts';
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
async function freshStore(now: () => Date = () => today): Promise<FeedbackStore> {
  const { results } = await local.db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'",
    )
    .all<{ name: string }>();
  await local.db.batch(results.map(({ name }) => local.db.prepare(`DELETE FROM "${name}"`)));
  return createD1Store({ db: local.db, now });
}

// Everything a FeedbackStore must do; `reopen` is a second Worker instance over the same FEEDBACK_DB.
feedbackStoreContract('D1 store', {
  open: (now) => freshStore(now),
  reopen: async (now) => createD1Store({ db: local.db, now }),
});

describe('D1 store, beyond the contract', () => {
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
