/**
 * The feedback store on a server with a disk: one SQLite file, `<dataDir>/feedback.sqlite`, through Node's
 * built-in `node:sqlite` (no native dependency to install). The file is made on first use and brought up to date
 * by the migrations in `migrations/sqlite/` as it opens, a database from before migrations included; WAL mode lets
 * `npm run report` read while the server writes. Statements are prepared once; a write takes well under a
 * millisecond, so the synchronous API does not hold the server up.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { migrationsDir, readMigrations, type Migration } from './migrations.ts';
import {
  assertDay,
  clickPagesPerQuery,
  dayOf,
  normaliseQuery,
  reportBounds,
  type FeedbackEntry,
  type FeedbackReport,
  type FeedbackStore,
  type ReportOptions,
} from './store.ts';
import { reportFromRows, sqliteStatements } from './sqlite-statements.ts';

export const databaseFileName = 'feedback.sqlite';

export interface SqliteStoreOptions {
  /** The folder of `feedback.sqlite`, made if missing (KB_DATA_DIR, `./data` by default). */
  dataDir: string;
  /** Opens an existing database for reading only, as the report does; throws if there is none. */
  readOnly?: boolean;
  now?: () => Date;
  /** The migrations to apply on open; `migrations/sqlite/` of the project by default. */
  migrations?: readonly Migration[];
}

/** node:sqlite is synchronous, and so is this store: its methods return plain values, never promises. */
export interface SqliteFeedbackStore extends FeedbackStore {
  /** The database file. */
  readonly path: string;
  addFeedback(entry: FeedbackEntry): void;
  addSearchMiss(query: string, day?: string): void;
  addSearchClick(query: string, page: string, day?: string): void;
  report(options?: ReportOptions): FeedbackReport;
  close(): void;
}

export function createSqliteStore({
  dataDir,
  readOnly = false,
  now = () => new Date(),
  migrations,
}: SqliteStoreOptions): SqliteFeedbackStore {
  const path = join(dataDir, databaseFileName);
  if (readOnly && !existsSync(path)) throw new Error(`There is no feedback database at ${path} yet.`);
  if (!readOnly) mkdirSync(dataDir, { recursive: true });

  const { DatabaseSync } = loadSqlite();
  const db: DatabaseSync = new DatabaseSync(path, { readOnly });
  let statements: ReturnType<typeof prepare>;
  try {
    // Another process (the report, a second server) may hold the file for a moment: wait rather than fail.
    db.exec('PRAGMA busy_timeout = 5000');
    if (!readOnly) {
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL');
      migrate(db, migrations ?? readMigrations(migrationsDir('sqlite')));
    } else {
      assertMigrated(db, migrations ?? readMigrations(migrationsDir('sqlite')), path);
    }
    statements = prepare(db, readOnly);
  } catch (error) {
    db.close();
    throw error;
  }
  let open = true;

  return {
    path,

    addFeedback({ page, helpful, reason, comment, day = dayOf(now()) }) {
      assertDay(day, 'day');
      writable(statements.addFeedback).run(day, page, helpful ? 1 : 0, reason ?? null, comment ?? null);
    },

    addSearchMiss(query, day = dayOf(now())) {
      assertDay(day, 'day');
      writable(statements.addSearchMiss).run(normaliseQuery(query), day);
    },

    addSearchClick(query, page, day = dayOf(now())) {
      assertDay(day, 'day');
      writable(statements.addSearchClick).run(normaliseQuery(query), page, day);
    },

    report(options) {
      const { since, limit } = reportBounds(options);
      return reportFromRows({
        pages: statements.pages.all(since),
        comments: statements.comments.all(since, limit),
        misses: statements.misses.all(since, limit),
        clicks: statements.clicks.all(since, limit, clickPagesPerQuery),
        daily: statements.daily.all(since),
      });
    },

    close() {
      if (!open) return;
      open = false;
      db.close();
    },
  };
}

function prepare(db: DatabaseSync, readOnly: boolean) {
  const sql = sqliteStatements;
  return {
    addFeedback: readOnly ? undefined : db.prepare(sql.addFeedback),
    addSearchMiss: readOnly ? undefined : db.prepare(sql.addSearchMiss),
    addSearchClick: readOnly ? undefined : db.prepare(sql.addSearchClick),
    pages: db.prepare(sql.pages),
    comments: db.prepare(sql.comments),
    misses: db.prepare(sql.misses),
    clicks: db.prepare(sql.clicks),
    daily: db.prepare(sql.daily),
  };
}

/**
 * Applies the migrations this file lacks, each once, under a write lock (BEGIN IMMEDIATE), so two servers opening
 * one file at the same moment can't both apply one. A database from before migrations has the tables of the
 * first, whose statements are all IF NOT EXISTS, so it is simply recorded as applied.
 */
export function migrate(db: DatabaseSync, migrations: readonly Migration[]): string[] {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_on TEXT NOT NULL)');
    const applied = new Set(
      db
        .prepare('SELECT name FROM schema_migrations')
        .all()
        .map((row) => String(row.name)),
    );
    const record = db.prepare('INSERT INTO schema_migrations (name, applied_on) VALUES (?, ?)');
    const done: string[] = [];
    for (const { name, sql } of migrations) {
      if (applied.has(name)) continue;
      db.exec(sql);
      record.run(name, dayOf(new Date()));
      done.push(name);
    }
    db.exec('COMMIT');
    return done;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/** A reader can't migrate: it says what to run rather than failing on a missing table. */
function assertMigrated(db: DatabaseSync, migrations: readonly Migration[], path: string): void {
  const recorded = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get()
    ? db
        .prepare('SELECT name FROM schema_migrations')
        .all()
        .map((row) => String(row.name))
    : [];
  const missing = migrations.filter(({ name }) => !recorded.includes(name)).map(({ name }) => name);
  if (missing.length > 0)
    throw new Error(`${path} lacks migrations ${missing.join(', ')}: run \`npm run migrate\` (or start the server).`);
}

function writable(statement: StatementSync | undefined): StatementSync {
  if (!statement) throw new Error('This feedback store was opened read-only.');
  return statement;
}

/**
 * `node:sqlite`, loaded on first use rather than imported, so that a bundle or a platform without it only fails
 * if it actually opens a database. Node 22 prints "ExperimentalWarning: SQLite is an experimental feature and
 * might change at any time" as the module loads (Node 24 as tested here prints nothing). That line in a
 * server's log reads like a fault, and this use of the module is a deliberate one, so exactly that warning is
 * dropped, and only while the module loads: every other warning still goes through, before and after.
 */
export function loadSqlite(): typeof import('node:sqlite') {
  return withoutSqliteWarning(() => process.getBuiltinModule('node:sqlite'));
}

export function withoutSqliteWarning<T>(load: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]): void {
    const first = rest[0];
    const type = typeof first === 'string' ? first : (first as { type?: unknown } | undefined)?.type;
    const message = typeof warning === 'string' ? warning : warning.message;
    const warningType = typeof warning === 'string' ? type : warning.name;
    if (warningType === 'ExperimentalWarning' && message.startsWith('SQLite is an experimental feature')) return;
    Reflect.apply(emitWarning, process, [warning, ...rest]);
  } as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = emitWarning;
  }
}
