/**
 * The SQLite store: the contract every store passes (store-contract.ts), in a temporary folder; then what only
 * SQLite does: the file, WAL, reopening, read-only use, the migrations applied on open, a file from before them.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createSqliteStore, loadSqlite, withoutSqliteWarning } from './sqlite-store.ts';
import { feedbackStoreContract } from './store-contract.ts';
import { tempDirs } from './test-support.ts';

const tempDir = tempDirs('feedback-store-');

let dataDir = '';
feedbackStoreContract('SQLite store', {
  async open(now) {
    dataDir = join(tempDir(), 'nested', 'data');
    return createSqliteStore({ dataDir, now });
  },
  // A second server process on the same file.
  reopen: async (now) => createSqliteStore({ dataDir, now }),
});

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
    assert.deepEqual(
      db
        .prepare('SELECT name FROM schema_migrations ORDER BY name')
        .all()
        .map(({ name }) => name),
      ['0001_feedback_and_misses', '0002_search_clicks'],
    );
    // Only what the brief allows is stored: no sender, no time finer than the day.
    const columns = (table: string) =>
      db
        .prepare(`PRAGMA table_info(${table})`)
        .all()
        .map((column) => column.name);
    assert.deepEqual(columns('feedback'), ['id', 'day', 'page', 'helpful', 'reason', 'comment']);
    assert.deepEqual(columns('search_misses'), ['query', 'day', 'count']);
    assert.deepEqual(columns('search_clicks'), ['query', 'page', 'day', 'count']);
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

  it('migrates a database made before migrations, keeping what it holds', () => {
    const dataDir = tempDir();
    const { DatabaseSync } = loadSqlite();
    // The file as the code before migrations left it: its schema, user_version 1, no schema_migrations.
    const old = new DatabaseSync(join(dataDir, 'feedback.sqlite'));
    old.exec(`
      PRAGMA journal_mode = WAL;
      CREATE TABLE feedback (
        id INTEGER PRIMARY KEY, day TEXT NOT NULL, page TEXT NOT NULL,
        helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
        reason TEXT CHECK (reason IN ('missing_information', 'wrong', 'hard_to_follow', 'did_not_solve')),
        comment TEXT
      );
      CREATE INDEX feedback_by_day ON feedback (day);
      CREATE TABLE search_misses (
        query TEXT NOT NULL, day TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (query, day)
      ) WITHOUT ROWID;
      PRAGMA user_version = 1;
      INSERT INTO feedback (day, page, helpful, reason, comment) VALUES ('2025-01-02', '/x/', 0, 'wrong', 'from before');
      INSERT INTO search_misses (query, day, count) VALUES ('iban', '2025-01-02', 4);
    `);
    old.close();

    assert.throws(
      () => createSqliteStore({ dataDir, readOnly: true }),
      /lacks migrations 0001_feedback_and_misses, 0002_search_clicks: run `npm run migrate`/,
      'a reader says what to run rather than failing on a missing table',
    );
    const store = createSqliteStore({ dataDir });
    store.addSearchMiss('iban', '2025-01-02');
    store.addSearchClick('iban', '/payouts/bank-accounts/', '2025-01-02');
    const report = store.report();
    assert.deepEqual(report.comments, [
      { page: '/x/', day: '2025-01-02', helpful: false, reason: 'wrong', comment: 'from before' },
    ]);
    assert.deepEqual(report.misses, [{ query: 'iban', count: 5 }]);
    assert.equal(report.clicks[0]?.count, 1);
    store.close();
    const reader = createSqliteStore({ dataDir, readOnly: true });
    assert.equal(reader.report().pages.length, 1, 'the reader opens the migrated file');
    reader.close();
  });

  it('applies a later migration once, on the next open', () => {
    const dataDir = tempDir();
    createSqliteStore({ dataDir }).close();
    const later = [
      { name: '0001_feedback_and_misses', sql: 'SELECT 1' },
      { name: '0002_search_clicks', sql: 'SELECT 1' },
      { name: '0003_extra', sql: 'CREATE TABLE extra (x INTEGER)' },
    ];
    createSqliteStore({ dataDir, migrations: later }).close();
    // Applied twice, the CREATE TABLE would fail.
    createSqliteStore({ dataDir, migrations: later }).close();
    const { DatabaseSync } = loadSqlite();
    const db = new DatabaseSync(join(dataDir, 'feedback.sqlite'), { readOnly: true });
    assert.equal(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()?.n, 3);
    db.close();
  });

  it('rolls a failing migration back whole', () => {
    const dataDir = tempDir();
    const failing = [{ name: '0001_broken', sql: 'CREATE TABLE half (x INTEGER); CREATE TABLE half (y INTEGER);' }];
    assert.throws(() => createSqliteStore({ dataDir, migrations: failing }), /already exists/);
    const { DatabaseSync } = loadSqlite();
    const db = new DatabaseSync(join(dataDir, 'feedback.sqlite'), { readOnly: true });
    assert.equal(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half'").get()?.n, 0);
    db.close();
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
