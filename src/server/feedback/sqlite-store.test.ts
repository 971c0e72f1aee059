/**
 * One suite, run against both stores: the memory store and SQLite in a temporary folder must count, order and
 * filter alike. Then what only SQLite does: the file, WAL, reopening, read-only use.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createSqliteStore, loadSqlite, withoutSqliteWarning } from './sqlite-store.ts';
import { createMemoryStore } from './memory-store.ts';
import { type FeedbackStore } from './store.ts';
import { tempDirs } from './test-support.ts';

const tempDir = tempDirs('feedback-store-');

const today = new Date('2025-06-15T23:59:00Z');

const kinds: [name: string, open: () => FeedbackStore][] = [
  ['memory store', () => createMemoryStore({ now: () => today })],
  ['SQLite store', () => createSqliteStore({ dataDir: join(tempDir(), 'nested', 'data'), now: () => today })],
];

for (const [name, open] of kinds) {
  describe(name, () => {
    let store: FeedbackStore;
    beforeEach(() => {
      store = open();
    });
    afterEach(() => store.close());

    it('starts empty', async () => {
      assert.deepEqual(await store.report(), { pages: [], comments: [], misses: [], clicks: [], daily: [] });
    });

    it('counts yes, no and each reason per page, most "no" first', async () => {
      const a = '/refunds/partial-refunds/';
      const b = '/fees/stripe-fees/';
      const c = '/faq/#can-i-cancel-a-refund';
      await store.addFeedback({ page: a, helpful: true });
      await store.addFeedback({ page: b, helpful: false, reason: 'wrong' });
      await store.addFeedback({ page: b, helpful: false, reason: 'wrong' });
      await store.addFeedback({ page: b, helpful: false });
      await store.addFeedback({ page: c, helpful: false, reason: 'hard_to_follow' });
      await store.addFeedback({ page: c, helpful: true });
      await store.addFeedback({ page: c, helpful: true });
      const { pages } = await store.report();
      assert.deepEqual(pages, [
        {
          page: b,
          helpful: 0,
          notHelpful: 3,
          reasons: { missing_information: 0, wrong: 2, hard_to_follow: 0, did_not_solve: 0 },
        },
        {
          page: c,
          helpful: 2,
          notHelpful: 1,
          reasons: { missing_information: 0, wrong: 0, hard_to_follow: 1, did_not_solve: 0 },
        },
        {
          page: a,
          helpful: 1,
          notHelpful: 0,
          reasons: { missing_information: 0, wrong: 0, hard_to_follow: 0, did_not_solve: 0 },
        },
      ]);
    });

    it('breaks ties by fewest "helpful", then by page', async () => {
      for (const page of ['/b/', '/a/', '/c/', '/c/', '/d/']) await store.addFeedback({ page, helpful: true });
      for (const page of ['/c/', '/d/']) await store.addFeedback({ page, helpful: false });
      assert.deepEqual(
        (await store.report()).pages.map(({ page }) => page),
        ['/d/', '/c/', '/a/', '/b/'],
      );
    });

    it('lists comments most recent first, with their day and reason, up to the limit', async () => {
      await store.addFeedback({
        page: '/a/',
        helpful: false,
        reason: 'did_not_solve',
        comment: 'first',
        day: '2025-06-10',
      });
      await store.addFeedback({ page: '/b/', helpful: true, comment: 'second', day: '2025-06-14' });
      await store.addFeedback({ page: '/c/', helpful: true, day: '2025-06-14' });
      await store.addFeedback({ page: '/d/', helpful: false, comment: 'third' });
      await store.addFeedback({ page: '/e/', helpful: false, comment: 'fourth' });
      const { comments } = await store.report();
      assert.deepEqual(comments, [
        { page: '/e/', day: '2025-06-15', helpful: false, comment: 'fourth' },
        { page: '/d/', day: '2025-06-15', helpful: false, comment: 'third' },
        { page: '/b/', day: '2025-06-14', helpful: true, comment: 'second' },
        { page: '/a/', day: '2025-06-10', helpful: false, reason: 'did_not_solve', comment: 'first' },
      ]);
      assert.deepEqual(
        (await store.report({ limit: 2 })).comments.map(({ comment }) => comment),
        ['fourth', 'third'],
      );
      assert.deepEqual((await store.report({ limit: 0 })).comments, []);
    });

    it('upserts search misses: one count per normalised query', async () => {
      for (const query of ['refund fees', 'Refund  Fees', 'closed card', 'refund fees ', 'zzz', 'aaa'])
        await store.addSearchMiss(query);
      assert.deepEqual((await store.report()).misses, [
        { query: 'refund fees', count: 3 },
        { query: 'aaa', count: 1 },
        { query: 'closed card', count: 1 },
        { query: 'zzz', count: 1 },
      ]);
      assert.deepEqual((await store.report({ limit: 1 })).misses, [{ query: 'refund fees', count: 3 }]);
    });

    it('adds up a query over days, and counts only the days since', async () => {
      await store.addSearchMiss('payout schedule', '2025-05-01');
      await store.addSearchMiss('payout schedule', '2025-05-01');
      await store.addSearchMiss('payout schedule', '2025-06-14');
      await store.addSearchMiss('iban');
      assert.deepEqual((await store.report()).misses, [
        { query: 'payout schedule', count: 3 },
        { query: 'iban', count: 1 },
      ]);
      assert.deepEqual((await store.report({ since: '2025-06-01' })).misses, [
        { query: 'iban', count: 1 },
        { query: 'payout schedule', count: 1 },
      ]);
    });

    it('keeps pages and comments since a day, that day included', async () => {
      await store.addFeedback({ page: '/old/', helpful: false, comment: 'old', day: '2025-06-07' });
      await store.addFeedback({ page: '/edge/', helpful: false, comment: 'edge', day: '2025-06-08' });
      await store.addFeedback({ page: '/new/', helpful: true });
      const report = await store.report({ since: '2025-06-08' });
      assert.deepEqual(
        report.pages.map(({ page }) => page),
        ['/edge/', '/new/'],
      );
      assert.deepEqual(
        report.comments.map(({ comment }) => comment),
        ['edge'],
      );
      assert.deepEqual(await store.report({ since: '2025-06-16' }), {
        pages: [],
        comments: [],
        misses: [],
        clicks: [],
        daily: [],
      });
    });

    it('files entries under the UTC day of its clock', async () => {
      await store.addFeedback({ page: '/', helpful: true, comment: 'today' });
      await store.addSearchMiss('today');
      const report = await store.report({ since: '2025-06-15' });
      assert.equal(report.comments[0]?.day, '2025-06-15');
      assert.deepEqual(report.misses, [{ query: 'today', count: 1 }]);
    });

    it('refuses a malformed day, since or limit', async () => {
      await assert.rejects(
        async () => store.addFeedback({ page: '/', helpful: true, day: '2025-06-15T10:00:00Z' }),
        TypeError,
      );
      await assert.rejects(async () => store.addSearchMiss('x', '15/06/2025'), TypeError);
      await assert.rejects(async () => store.report({ since: 'yesterday' }), TypeError);
      await assert.rejects(async () => store.report({ limit: -1 }), TypeError);
    });
  });
}

describe('SQLite store on disk', () => {
  it('creates <dataDir>/feedback.sqlite on first open, in WAL mode, and keeps data across reopening', async () => {
    const dataDir = join(tempDir(), 'a', 'b');
    const first = createSqliteStore({ dataDir });
    assert.equal(first.path, join(dataDir, 'feedback.sqlite'));
    assert.ok(existsSync(first.path));
    await first.addFeedback({ page: '/x/', helpful: false, reason: 'wrong', comment: 'kept', day: '2025-01-02' });
    await first.addSearchMiss('kept', '2025-01-02');
    first.close();
    first.close();

    const second = createSqliteStore({ dataDir });
    await second.addSearchMiss('kept', '2025-01-02');
    const report = await second.report();
    assert.deepEqual(report.comments, [
      { page: '/x/', day: '2025-01-02', helpful: false, reason: 'wrong', comment: 'kept' },
    ]);
    assert.deepEqual(report.misses, [{ query: 'kept', count: 2 }]);
    second.close();

    const { DatabaseSync } = loadSqlite();
    const db = new DatabaseSync(join(dataDir, 'feedback.sqlite'), { readOnly: true });
    assert.equal(db.prepare('PRAGMA journal_mode').get()?.journal_mode, 'wal');
    assert.equal(db.prepare('PRAGMA user_version').get()?.user_version, 1);
    // Only what the brief allows is stored: no sender, no time finer than the day.
    const columns = (table: string) =>
      db
        .prepare(`PRAGMA table_info(${table})`)
        .all()
        .map((column) => column.name);
    assert.deepEqual(columns('feedback'), ['id', 'day', 'page', 'helpful', 'reason', 'comment']);
    assert.deepEqual(columns('search_misses'), ['query', 'day', 'count']);
    db.close();
  });

  it('opens read-only for the report: reads, refuses writes, and needs an existing file', async () => {
    const dataDir = tempDir();
    assert.throws(() => createSqliteStore({ dataDir, readOnly: true }), /no feedback database/);
    const writer = createSqliteStore({ dataDir });
    await writer.addFeedback({ page: '/x/', helpful: true });
    const reader = createSqliteStore({ dataDir, readOnly: true });
    assert.equal((await reader.report()).pages.length, 1, 'reads while the writer is open');
    assert.throws(() => reader.addFeedback({ page: '/y/', helpful: true }), /read-only/);
    reader.close();
    writer.close();
  });

  it('a second writer (another server process) shares the file', async () => {
    const dataDir = tempDir();
    const one = createSqliteStore({ dataDir });
    const two = createSqliteStore({ dataDir });
    await one.addSearchMiss('shared', '2025-01-01');
    await two.addSearchMiss('shared', '2025-01-01');
    assert.deepEqual((await one.report()).misses, [{ query: 'shared', count: 2 }]);
    one.close();
    two.close();
  });
});

describe('the SQLite experimental warning', () => {
  it('is dropped while node:sqlite loads, and only that warning', () => {
    const sqliteWarning = 'SQLite is an experimental feature and might change at any time';
    const seen: string[] = [];
    const original = process.emitWarning;
    // A recorder in place of Node's emitWarning, so the test sees what gets through without printing it.
    const recorder = ((warning: string | Error, type?: unknown) => {
      const name =
        typeof warning === 'string'
          ? typeof type === 'string'
            ? type
            : (type as { type?: string }).type
          : warning.name;
      seen.push(`${name}: ${typeof warning === 'string' ? warning : warning.message}`);
    }) as typeof process.emitWarning;
    process.emitWarning = recorder;
    try {
      const loaded = withoutSqliteWarning(() => {
        // What Node 22 emits as node:sqlite loads, in each form emitWarning takes; then warnings that must go through.
        process.emitWarning(sqliteWarning, 'ExperimentalWarning');
        process.emitWarning(sqliteWarning, { type: 'ExperimentalWarning' });
        process.emitWarning(Object.assign(new Error(sqliteWarning), { name: 'ExperimentalWarning' }));
        process.emitWarning('Something else is experimental', 'ExperimentalWarning');
        process.emitWarning(sqliteWarning, 'DeprecationWarning');
        return 'loaded';
      });
      assert.equal(loaded, 'loaded');
      assert.equal(process.emitWarning, recorder, 'emitWarning is restored');
      process.emitWarning(sqliteWarning, 'ExperimentalWarning');
    } finally {
      process.emitWarning = original;
    }
    assert.deepEqual(seen, [
      'ExperimentalWarning: Something else is experimental',
      `DeprecationWarning: ${sqliteWarning}`,
      `ExperimentalWarning: ${sqliteWarning}`,
    ]);
  });

  it('is restored even when loading throws', () => {
    const original = process.emitWarning;
    assert.throws(
      () =>
        withoutSqliteWarning(() => {
          throw new Error('no sqlite here');
        }),
      /no sqlite here/,
    );
    assert.equal(process.emitWarning, original);
  });
});
