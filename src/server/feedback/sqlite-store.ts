/**
 * The feedback store on a server with a disk: one SQLite file, `<dataDir>/feedback.sqlite`, through Node's
 * built-in `node:sqlite` (no native dependency to install). The file and its tables are made on first use; WAL
 * mode lets `npm run report` read while the server writes. Statements are prepared once; a write takes well
 * under a millisecond, so the synchronous API does not hold the server up.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  assertDay,
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
}

/** node:sqlite is synchronous, and so is this store: its methods return plain values, never promises. */
export interface SqliteFeedbackStore extends FeedbackStore {
  /** The database file. */
  readonly path: string;
  addFeedback(entry: FeedbackEntry): void;
  addSearchMiss(query: string, day?: string): void;
  report(options?: ReportOptions): FeedbackReport;
  close(): void;
}

/** The schema this code writes; kept in `PRAGMA user_version` for a later migration to go by. */
const schemaVersion = 1;

const schema = `
  CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    page TEXT NOT NULL,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    reason TEXT CHECK (reason IN (${feedbackReasons.map((reason) => `'${reason}'`).join(', ')})),
    comment TEXT
  );
  CREATE INDEX IF NOT EXISTS feedback_by_day ON feedback (day);
  CREATE TABLE IF NOT EXISTS search_misses (
    query TEXT NOT NULL,
    day TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (query, day)
  ) WITHOUT ROWID;
  PRAGMA user_version = ${schemaVersion};
`;

const reasonColumns = feedbackReasons.map((reason) => `SUM(reason = '${reason}') AS ${reason}`).join(', ');

export function createSqliteStore({
  dataDir,
  readOnly = false,
  now = () => new Date(),
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
      db.exec(`BEGIN; ${schema} COMMIT;`);
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
      return { pages, comments, misses };
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
  };
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
