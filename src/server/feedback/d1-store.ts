/**
 * The feedback store on Cloudflare: Cloudflare D1 (SQLite run by Cloudflare) through the Worker's D1 binding
 * (`FEEDBACK_DB` in wrangler.jsonc). Every instance of the Worker writes to the same database, so a vote outlives
 * the instance that took it. The tables are D1 migrations (migrations/d1), applied with `wrangler d1 migrations
 * apply`; this store never creates or alters them.
 *
 * Counters are single UPSERT statements, so two instances counting the same query on the same day both land:
 * the database adds one to whatever is stored, never a count an instance read earlier. The report's queries go
 * in one `batch`, which D1 runs as one transaction, so they describe the same moment. The statements are the
 * SQLite store's: D1 is SQLite.
 *
 * This module imports nothing from Cloudflare: it takes the binding as an argument (the Worker passes
 * `env.FEEDBACK_DB`, tests and scripts a Miniflare or `getPlatformProxy` database), so it also runs under Node.
 */
import {
  assertDay,
  clickPagesPerQuery,
  dayOf,
  feedbackReasons,
  noReasons,
  normaliseQuery,
  reportBounds,
  type FeedbackReason,
  type FeedbackStore,
  type PageSummary,
  type QueryClicks,
  type ReportComment,
} from './store.ts';

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

const reasonColumns = feedbackReasons.map((reason) => `SUM(reason = '${reason}') AS ${reason}`).join(', ');

const sql = {
  addFeedback: 'INSERT INTO feedback (day, page, helpful, reason, comment) VALUES (?1, ?2, ?3, ?4, ?5)',
  addSearchMiss:
    'INSERT INTO search_misses (query, day, count) VALUES (?1, ?2, 1) ON CONFLICT (query, day) DO UPDATE SET count = count + 1',
  addSearchClick:
    'INSERT INTO search_clicks (query, page, day, count) VALUES (?1, ?2, ?3, 1) ON CONFLICT (query, page, day) DO UPDATE SET count = count + 1',
  pages: `SELECT page, SUM(helpful) AS helpful, SUM(1 - helpful) AS notHelpful, ${reasonColumns}
    FROM feedback WHERE day >= ?1 GROUP BY page ORDER BY notHelpful DESC, helpful, page`,
  comments: `SELECT page, day, helpful, reason, comment FROM feedback
    WHERE comment IS NOT NULL AND day >= ?1 ORDER BY day DESC, id DESC LIMIT ?2`,
  misses:
    'SELECT query, SUM(count) AS count FROM search_misses WHERE day >= ?1 GROUP BY query ORDER BY count DESC, query LIMIT ?2',
  // The top queries by results opened, each with its most opened pages: one row per query and page, in order.
  clicks: `WITH top AS (
      SELECT query, SUM(count) AS total FROM search_clicks WHERE day >= ?1
      GROUP BY query ORDER BY total DESC, query LIMIT ?2
    ), ranked AS (
      SELECT query, page, SUM(count) AS count,
        ROW_NUMBER() OVER (PARTITION BY query ORDER BY SUM(count) DESC, page) AS rank
      FROM search_clicks WHERE day >= ?1 AND query IN (SELECT query FROM top) GROUP BY query, page
    )
    SELECT top.query, top.total, ranked.page, ranked.count FROM top JOIN ranked USING (query)
    WHERE ranked.rank <= ?3 ORDER BY top.total DESC, top.query, ranked.count DESC, ranked.page`,
  daily: `SELECT day, SUM(helpful) AS helpful, SUM(notHelpful) AS notHelpful, SUM(misses) AS misses, SUM(clicks) AS clicks
    FROM (
      SELECT day, SUM(helpful) AS helpful, SUM(1 - helpful) AS notHelpful, 0 AS misses, 0 AS clicks
      FROM feedback WHERE day >= ?1 GROUP BY day
      UNION ALL SELECT day, 0, 0, SUM(count), 0 FROM search_misses WHERE day >= ?1 GROUP BY day
      UNION ALL SELECT day, 0, 0, 0, SUM(count) FROM search_clicks WHERE day >= ?1 GROUP BY day
    ) GROUP BY day ORDER BY day`,
} as const;

export function createD1Store({ db, now = () => new Date() }: D1StoreOptions): FeedbackStore {
  return {
    async addFeedback({ page, helpful, reason, comment, day = dayOf(now()) }) {
      assertDay(day, 'day');
      await db
        .prepare(sql.addFeedback)
        .bind(day, page, helpful ? 1 : 0, reason ?? null, comment ?? null)
        .run();
    },

    async addSearchMiss(query, day = dayOf(now())) {
      assertDay(day, 'day');
      await db.prepare(sql.addSearchMiss).bind(normaliseQuery(query), day).run();
    },

    async addSearchClick(query, page, day = dayOf(now())) {
      assertDay(day, 'day');
      await db.prepare(sql.addSearchClick).bind(normaliseQuery(query), page, day).run();
    },

    async report(options) {
      const { since, limit } = reportBounds(options);
      const [pageRows, commentRows, missRows, clickRows, dailyRows] = await db.batch([
        db.prepare(sql.pages).bind(since),
        db.prepare(sql.comments).bind(since, limit),
        db.prepare(sql.misses).bind(since, limit),
        db.prepare(sql.clicks).bind(since, limit, clickPagesPerQuery),
        db.prepare(sql.daily).bind(since),
      ]);
      const pages = rows(pageRows).map((row): PageSummary => {
        const reasons = noReasons();
        for (const reason of feedbackReasons) reasons[reason] = Number(row[reason] ?? 0);
        return { page: String(row.page), helpful: Number(row.helpful), notHelpful: Number(row.notHelpful), reasons };
      });
      const comments = rows(commentRows).map((row): ReportComment => ({
        page: String(row.page),
        day: String(row.day),
        helpful: Number(row.helpful) === 1,
        ...(row.reason !== null && { reason: row.reason as FeedbackReason }),
        comment: String(row.comment),
      }));
      const misses = rows(missRows).map((row) => ({ query: String(row.query), count: Number(row.count) }));
      const clicks: QueryClicks[] = [];
      for (const row of rows(clickRows)) {
        const query = String(row.query);
        if (clicks.at(-1)?.query !== query) clicks.push({ query, count: Number(row.total), pages: [] });
        clicks.at(-1)?.pages.push({ page: String(row.page), count: Number(row.count) });
      }
      const daily = rows(dailyRows).map((row) => ({
        day: String(row.day),
        helpful: Number(row.helpful),
        notHelpful: Number(row.notHelpful),
        misses: Number(row.misses),
        clicks: Number(row.clicks),
      }));
      return { pages, comments, misses, clicks, daily };
    },

    // The binding belongs to the Worker (or to whoever opened the Miniflare instance): nothing to close here.
    close() {},
  };
}

function rows(result: { results: Record<string, unknown>[] } | undefined): Record<string, unknown>[] {
  return result?.results ?? [];
}
