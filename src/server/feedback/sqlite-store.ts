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
  feedbackReasons,
  noReasons,
  normaliseQuery,
  reportBounds,
  type FeedbackEntry,
  type FeedbackReason,
  type FeedbackReport,
  type FeedbackStore,
  type PageSummary,
  type QueryClicks,
  type ReportComment,
  type ReportOptions,
} from './store.ts';

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

const reasonColumns = feedbackReasons.map((reason) => `SUM(reason = '${reason}') AS ${reason}`).join(', ');

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
      const pages = statements.pages.all(since).map((row): PageSummary => {
        const reasons = noReasons();
        for (const reason of feedbackReasons) reasons[reason] = Number(row[reason] ?? 0);
        return { page: String(row.page), helpful: Number(row.helpful), notHelpful: Number(row.notHelpful), reasons };
      });
      const comments = statements.comments.all(since, limit).map((row): ReportComment => ({
        page: String(row.page),
        day: String(row.day),
        helpful: row.helpful === 1,
        ...(row.reason !== null && { reason: row.reason as FeedbackReason }),
        comment: String(row.comment),
      }));
      const misses = statements.misses
        .all(since, limit)
        .map((row) => ({ query: String(row.query), count: Number(row.count) }));
      const clicks: QueryClicks[] = [];
      for (const row of statements.clicks.all(since, limit, clickPagesPerQuery)) {
        const query = String(row.query);
        if (clicks.at(-1)?.query !== query) clicks.push({ query, count: Number(row.total), pages: [] });
        clicks.at(-1)?.pages.push({ page: String(row.page), count: Number(row.count) });
      }
      const daily = statements.daily.all(since).map((row) => ({
        day: String(row.day),
        helpful: Number(row.helpful),
        notHelpful: Number(row.notHelpful),
        misses: Number(row.misses),
        clicks: Number(row.clicks),
      }));
      return { pages, comments, misses, clicks, daily };
    },

    close() {
      if (!open) return;
      open = false;
      db.close();
    },
  };
}

function prepare(db: DatabaseSync, readOnly: boolean) {
  return {
    addFeedback: readOnly
      ? undefined
      : db.prepare('INSERT INTO feedback (day, page, helpful, reason, comment) VALUES (?, ?, ?, ?, ?)'),
    addSearchMiss: readOnly
      ? undefined
      : db.prepare(
          'INSERT INTO search_misses (query, day, count) VALUES (?, ?, 1) ON CONFLICT (query, day) DO UPDATE SET count = count + 1',
        ),
    addSearchClick: readOnly
      ? undefined
      : db.prepare(
          'INSERT INTO search_clicks (query, page, day, count) VALUES (?, ?, ?, 1) ON CONFLICT (query, page, day) DO UPDATE SET count = count + 1',
        ),
    pages: db.prepare(
      `SELECT page, SUM(helpful) AS helpful, SUM(1 - helpful) AS notHelpful, ${reasonColumns}
       FROM feedback WHERE day >= ? GROUP BY page
       ORDER BY notHelpful DESC, helpful, page`,
    ),
    comments: db.prepare(
      `SELECT page, day, helpful, reason, comment FROM feedback
       WHERE comment IS NOT NULL AND day >= ? ORDER BY day DESC, id DESC LIMIT ?`,
    ),
    misses: db.prepare(
      'SELECT query, SUM(count) AS count FROM search_misses WHERE day >= ? GROUP BY query ORDER BY count DESC, query LIMIT ?',
    ),
    // The top queries by results opened, each with its most opened pages: one row per query and page, in order.
    clicks: db.prepare(
      `WITH top AS (
         SELECT query, SUM(count) AS total FROM search_clicks WHERE day >= ?1
         GROUP BY query ORDER BY total DESC, query LIMIT ?2
       ), ranked AS (
         SELECT query, page, SUM(count) AS count,
           ROW_NUMBER() OVER (PARTITION BY query ORDER BY SUM(count) DESC, page) AS rank
         FROM search_clicks WHERE day >= ?1 AND query IN (SELECT query FROM top) GROUP BY query, page
       )
       SELECT top.query, top.total, ranked.page, ranked.count FROM top JOIN ranked USING (query)
       WHERE ranked.rank <= ?3 ORDER BY top.total DESC, top.query, ranked.count DESC, ranked.page`,
    ),
    daily: db.prepare(
      `SELECT day, SUM(helpful) AS helpful, SUM(notHelpful) AS notHelpful, SUM(misses) AS misses, SUM(clicks) AS clicks
       FROM (
         SELECT day, SUM(helpful) AS helpful, SUM(1 - helpful) AS notHelpful, 0 AS misses, 0 AS clicks
         FROM feedback WHERE day >= ?1 GROUP BY day
         UNION ALL SELECT day, 0, 0, SUM(count), 0 FROM search_misses WHERE day >= ?1 GROUP BY day
         UNION ALL SELECT day, 0, 0, 0, SUM(count) FROM search_clicks WHERE day >= ?1 GROUP BY day
       ) GROUP BY day ORDER BY day`,
    ),
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
