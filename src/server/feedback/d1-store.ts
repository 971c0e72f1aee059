/**
 * The feedback store on Cloudflare: Cloudflare D1 (SQLite run by Cloudflare) through the Worker's D1 binding
 * (`FEEDBACK_DB` in wrangler.jsonc). Every instance of the Worker writes to the same database, so a vote outlives
 * the instance that took it. The tables are D1 migrations (migrations/d1), applied with `wrangler d1 migrations
 * apply`; this store never creates or alters them.
 *
 * Counters are single UPSERT statements, so two instances counting the same query on the same day both land:
 * the database adds one to whatever is stored, never a count an instance read earlier. The report's queries go
 * in one `batch`, which D1 runs as one transaction, so they describe the same moment. The statements are the
 * SQLite store's (sqlite-statements.ts): D1 is SQLite.
 *
 * This module imports nothing from Cloudflare: it takes the binding as an argument (the Worker passes
 * `env.FEEDBACK_DB`, tests and scripts a Miniflare or `getPlatformProxy` database), so it also runs under Node.
 */
import { reportFromRows, sqliteStatements } from './sqlite-statements.ts';
import { assertDay, clickPagesPerQuery, dayOf, normaliseQuery, reportBounds, type FeedbackStore } from './store.ts';

/** The part of D1's prepared statement this store uses (workers-types' `D1PreparedStatement`). */
export interface D1Statement {
  bind(...values: unknown[]): D1Statement;
  run(): Promise<unknown>;
  all<T = Record<string, unknown>>(): Promise<{ results: T[] }>;
}

/** The part of a D1 binding this store uses (workers-types' `D1Database`). */
export interface D1Binding {
  prepare(query: string): D1Statement;
  batch<T = Record<string, unknown>>(statements: D1Statement[]): Promise<{ results: T[] }[]>;
}

export interface D1StoreOptions {
  /** The Worker's D1 binding (`env.FEEDBACK_DB`). */
  db: D1Binding;
  now?: () => Date;
}

export function createD1Store({ db, now = () => new Date() }: D1StoreOptions): FeedbackStore {
  return {
    async addFeedback({ page, helpful, reason, comment, day = dayOf(now()) }) {
      assertDay(day, 'day');
      await db
        .prepare(sqliteStatements.addFeedback)
        .bind(day, page, helpful ? 1 : 0, reason ?? null, comment ?? null)
        .run();
    },

    async addSearchMiss(query, day = dayOf(now())) {
      assertDay(day, 'day');
      await db.prepare(sqliteStatements.addSearchMiss).bind(normaliseQuery(query), day).run();
    },

    async addSearchClick(query, page, day = dayOf(now())) {
      assertDay(day, 'day');
      await db.prepare(sqliteStatements.addSearchClick).bind(normaliseQuery(query), page, day).run();
    },

    async report(options) {
      const { since, limit } = reportBounds(options);
      const [pageRows, commentRows, missRows, clickRows, dailyRows] = await db.batch([
        db.prepare(sqliteStatements.pages).bind(since),
        db.prepare(sqliteStatements.comments).bind(since, limit),
        db.prepare(sqliteStatements.misses).bind(since, limit),
        db.prepare(sqliteStatements.clicks).bind(since, limit, clickPagesPerQuery),
        db.prepare(sqliteStatements.daily).bind(since),
      ]);
      return reportFromRows({
        pages: rows(pageRows),
        comments: rows(commentRows),
        misses: rows(missRows),
        clicks: rows(clickRows),
        daily: rows(dailyRows),
      });
    },

    // The binding belongs to the Worker (or to whoever opened the Miniflare instance): nothing to close here.
    close() {},
  };
}

function rows(result: { results: Record<string, unknown>[] } | undefined): Record<string, unknown>[] {
  return result?.results ?? [];
}
