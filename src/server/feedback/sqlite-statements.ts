/**
 * What the SQLite store (node:sqlite, on a server) and the D1 store (Cloudflare's SQLite) share: the statements,
 * with numbered parameters so both drivers bind them alike, and the turning of the report's rows into a
 * `FeedbackReport`. D1 is SQLite, so one dialect serves both; only how a statement is run differs.
 */
import {
  feedbackReasons,
  noReasons,
  type FeedbackReason,
  type FeedbackReport,
  type PageSummary,
  type QueryClicks,
  type ReportComment,
} from './store.ts';

type Row = Record<string, unknown>;

const reasonColumns = feedbackReasons.map((reason) => `SUM(reason = '${reason}') AS ${reason}`).join(', ');

/**
 * The writes bind (day, page, helpful, reason, comment), (query, day) and (query, page, day); the reads (since),
 * (since, limit) or, for clicks, (since, limit, pages per query).
 */
export const sqliteStatements = {
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

/** The rows of the report's five reads, in the order of `sqliteStatements`, as the report. */
export function reportFromRows(rows: {
  pages: Row[];
  comments: Row[];
  misses: Row[];
  clicks: Row[];
  daily: Row[];
}): FeedbackReport {
  const pages = rows.pages.map((row): PageSummary => {
    const reasons = noReasons();
    for (const reason of feedbackReasons) reasons[reason] = Number(row[reason] ?? 0);
    return { page: String(row.page), helpful: Number(row.helpful), notHelpful: Number(row.notHelpful), reasons };
  });
  const comments = rows.comments.map((row): ReportComment => ({
    page: String(row.page),
    day: String(row.day),
    helpful: Number(row.helpful) === 1,
    ...(row.reason !== null && { reason: row.reason as FeedbackReason }),
    comment: String(row.comment),
  }));
  const misses = rows.misses.map((row) => ({ query: String(row.query), count: Number(row.count) }));
  const clicks: QueryClicks[] = [];
  for (const row of rows.clicks) {
    const query = String(row.query);
    if (clicks.at(-1)?.query !== query) clicks.push({ query, count: Number(row.total), pages: [] });
    clicks.at(-1)?.pages.push({ page: String(row.page), count: Number(row.count) });
  }
  const daily = rows.daily.map((row) => ({
    day: String(row.day),
    helpful: Number(row.helpful),
    notHelpful: Number(row.notHelpful),
    misses: Number(row.misses),
    clicks: Number(row.clicks),
  }));
  return { pages, comments, misses, clicks, daily };
}
