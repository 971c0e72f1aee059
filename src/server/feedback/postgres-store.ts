/**
 * The feedback store in a hosted Postgres (Neon, Supabase, RDS...), reached by DATABASE_URL: what Netlify and
 * Vercel functions use, since their instances have neither a lasting disk nor shared memory. Every count is one
 * `INSERT … ON CONFLICT … DO UPDATE`, so instances writing at once never lose one. The tables come from
 * `migrations/postgres/`, applied by `npm run migrate`; a database without them gets an error that says so.
 */
import { acquirePostgres, isMissingTable, missingTablesError, type Sql } from '../postgres/client.ts';
import {
  assertDay,
  clickPagesPerQuery,
  dayOf,
  feedbackReasons,
  noReasons,
  normaliseQuery,
  reportBounds,
  type FeedbackReason,
  type FeedbackReport,
  type FeedbackStore,
  type QueryClicks,
} from './store.ts';

export interface PostgresStoreOptions {
  /** A postgres:// or postgresql:// connection string (DATABASE_URL). */
  url: string;
  now?: () => Date;
}

interface PageRow {
  page: string;
  helpful: number;
  notHelpful: number;
  reasons: Record<FeedbackReason, number>;
}

export function createPostgresStore({ url, now = () => new Date() }: PostgresStoreOptions): FeedbackStore {
  const handle = acquirePostgres(url);
  const { sql } = handle;

  return {
    async addFeedback({ page, helpful, reason, comment, day = dayOf(now()) }) {
      assertDay(day, 'day');
      await tables(
        sql`INSERT INTO feedback (day, page, helpful, reason, comment)
            VALUES (${day}, ${page}, ${helpful}, ${reason ?? null}, ${comment ?? null})`,
      );
    },

    async addSearchMiss(query, day = dayOf(now())) {
      assertDay(day, 'day');
      await tables(
        sql`INSERT INTO search_misses AS m (query, day, count) VALUES (${normaliseQuery(query)}, ${day}, 1)
            ON CONFLICT (query, day) DO UPDATE SET count = m.count + 1`,
      );
    },

    async addSearchClick(query, page, day = dayOf(now())) {
      assertDay(day, 'day');
      await tables(
        sql`INSERT INTO search_clicks AS c (query, page, day, count) VALUES (${normaliseQuery(query)}, ${page}, ${day}, 1)
            ON CONFLICT (query, page, day) DO UPDATE SET count = c.count + 1`,
      );
    },

    async report(options): Promise<FeedbackReport> {
      const { limit, ...bounds } = reportBounds(options);
      // Postgres has no day 0000-00-00, the "no since" of reportBounds; 0001-01-01 comes before every day stored too.
      const since = options?.since === undefined ? '0001-01-01' : bounds.since;
      // The stores all sort text by code unit: "C" here, whatever collation the provider's database has.
      const [pageRows, commentRows, missRows, clickRows, dailyRows] = await tables(
        Promise.all([
          sql<PageRow[]>`
            SELECT page COLLATE "C" AS page, count(*) FILTER (WHERE helpful)::int AS "helpful",
              count(*) FILTER (WHERE NOT helpful)::int AS "notHelpful",
              json_build_object(${sql.unsafe(
                feedbackReasons.map((reason) => `'${reason}', count(*) FILTER (WHERE reason = '${reason}')`).join(', '),
              )}) AS reasons
            FROM feedback WHERE day >= ${since}::date GROUP BY page
            ORDER BY "notHelpful" DESC, "helpful", page COLLATE "C"`,
          sql<{ page: string; day: string; helpful: boolean; reason: FeedbackReason | null; comment: string }[]>`
            SELECT page, day::text AS day, helpful, reason, comment FROM feedback
            WHERE comment IS NOT NULL AND day >= ${since}::date ORDER BY day DESC, id DESC LIMIT ${limit}`,
          sql<{ query: string; count: number }[]>`
            SELECT query, sum(count)::int AS count FROM search_misses WHERE day >= ${since}::date
            GROUP BY query ORDER BY count DESC, query COLLATE "C" LIMIT ${limit}`,
          sql<{ query: string; total: number; page: string; count: number }[]>`
            WITH top AS (
              SELECT query, sum(count)::int AS total FROM search_clicks WHERE day >= ${since}::date
              GROUP BY query ORDER BY total DESC, query COLLATE "C" LIMIT ${limit}
            ), ranked AS (
              SELECT query, page, sum(count)::int AS count,
                row_number() OVER (PARTITION BY query ORDER BY sum(count) DESC, page COLLATE "C") AS rank
              FROM search_clicks WHERE day >= ${since}::date AND query IN (SELECT query FROM top)
              GROUP BY query, page
            )
            SELECT top.query, top.total, ranked.page, ranked.count FROM top JOIN ranked USING (query)
            WHERE ranked.rank <= ${clickPagesPerQuery}
            ORDER BY top.total DESC, top.query COLLATE "C", ranked.count DESC, ranked.page COLLATE "C"`,
          sql<{ day: string; helpful: number; notHelpful: number; misses: number; clicks: number }[]>`
            SELECT day::text AS day, sum(helpful)::int AS helpful, sum(not_helpful)::int AS "notHelpful",
              sum(misses)::int AS misses, sum(clicks)::int AS clicks
            FROM (
              SELECT day, count(*) FILTER (WHERE helpful) AS helpful, count(*) FILTER (WHERE NOT helpful) AS not_helpful,
                0 AS misses, 0 AS clicks
              FROM feedback WHERE day >= ${since}::date GROUP BY day
              UNION ALL SELECT day, 0, 0, sum(count), 0 FROM search_misses WHERE day >= ${since}::date GROUP BY day
              UNION ALL SELECT day, 0, 0, 0, sum(count) FROM search_clicks WHERE day >= ${since}::date GROUP BY day
            ) AS counts GROUP BY day ORDER BY day`,
        ]),
      );

      const clicks: QueryClicks[] = [];
      for (const { query, total, page, count } of clickRows) {
        if (clicks.at(-1)?.query !== query) clicks.push({ query, count: total, pages: [] });
        clicks.at(-1)?.pages.push({ page, count });
      }
      return {
        pages: pageRows.map(({ page, helpful, notHelpful, reasons }) => ({
          page,
          helpful,
          notHelpful,
          reasons: { ...noReasons(), ...reasons },
        })),
        comments: commentRows.map(({ page, day, helpful, reason, comment }) => ({
          page,
          day,
          helpful,
          ...(reason !== null && { reason }),
          comment,
        })),
        misses: missRows.map(({ query, count }) => ({ query, count })),
        clicks,
        daily: dailyRows.map(({ day, helpful, notHelpful, misses, clicks }) => ({
          day,
          helpful,
          notHelpful,
          misses,
          clicks,
        })),
      };
    },

    close: () => handle.release(),
  };
}

/** Turns "relation does not exist" into what to run. */
async function tables<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error) {
    throw isMissingTable(error) ? missingTablesError(error) : error;
  }
}

/** Empties the feedback tables: for the contract suite, which wants a fresh store per test. */
export async function truncateFeedback(sql: Sql): Promise<void> {
  await sql`TRUNCATE feedback, search_misses, search_clicks`;
}
