/**
 * The rate limiter shared by every function instance, in the same Postgres as the feedback (DATABASE_URL): the
 * same sliding window as the memory limiter (at most `limit` hits in any `windowMs`, no burst at a window's edge),
 * kept as one row per limiter and client holding the times of the hits still in the window.
 *
 * A take is one statement: an `INSERT … ON CONFLICT DO UPDATE … WHERE <the hits fit>`. Postgres locks the row
 * for the update and re-checks the condition against the latest committed row, so two instances taking at once
 * are serialised on that client's row and can never both fit into the last place. The time is the database's
 * (`statement_timestamp()`), one clock for every instance. The client's key (an address) is stored only as its
 * SHA-256 digest, and rows whose window has passed are swept.
 */
import { acquirePostgres, isMissingTable, missingTablesError } from '../postgres/client.ts';
import type { RateLimitDecision, RateLimiter } from './rate-limit.ts';

export interface PostgresRateLimiterOptions {
  /** A postgres:// or postgresql:// connection string (DATABASE_URL). */
  url: string;
  /** Which limiter this is ("demo-actions", "feedback"...): limiters sharing the table count apart. */
  name: string;
  limit: number;
  windowMs: number;
  /** Milliseconds since the epoch; the database's clock when left out. Tests pass one. */
  now?: () => number;
}

export interface PostgresRateLimiter extends RateLimiter {
  take(key: string, cost?: number): Promise<RateLimitDecision>;
  /** Gives its connection pool back. */
  close(): Promise<void>;
}

export function createPostgresRateLimiter({
  url,
  name,
  limit,
  windowMs,
  now,
}: PostgresRateLimiterOptions): PostgresRateLimiter {
  const handle = acquirePostgres(url);
  const { sql } = handle;
  let nextSweep = 0;

  async function take(key: string, cost = 1): Promise<RateLimitDecision> {
    const refused = (waitMs: number) => ({
      allowed: false,
      retryAfter: Math.max(1, Math.ceil(waitMs / 1000)),
      limit,
      windowMs,
    });
    // A cost above the limit never fits: no need to ask.
    if (cost > limit) return refused(windowMs);
    const clock = now?.() ?? null;
    const [row] = await sql<{ allowed: boolean; time: string; hits: string[] | null }[]>`
      WITH clock AS (
        SELECT coalesce(${clock}::bigint, (extract(epoch FROM statement_timestamp()) * 1000)::bigint) AS time
      ), attempt AS (
        INSERT INTO rate_limits AS r (name, key, hits, expires_at)
        SELECT ${name}, sha256(convert_to(${key}, 'UTF8')), array_fill(time, ARRAY[${cost}::int]), time + ${windowMs}
        FROM clock
        ON CONFLICT (name, key) DO UPDATE
          SET hits = ARRAY(SELECT h FROM unnest(r.hits) AS h WHERE h > (SELECT time FROM clock) - ${windowMs})
            || excluded.hits,
            expires_at = excluded.expires_at
          WHERE (SELECT count(*) FROM unnest(r.hits) AS h WHERE h > (SELECT time FROM clock) - ${windowMs})
            + ${cost} <= ${limit}
        RETURNING 1
      )
      SELECT EXISTS (SELECT 1 FROM attempt) AS allowed, (SELECT time FROM clock) AS time,
        (SELECT hits FROM rate_limits WHERE name = ${name} AND key = sha256(convert_to(${key}, 'UTF8'))) AS hits
    `.catch((error: unknown) => {
      throw isMissingTable(error) ? missingTablesError(error) : error;
    });
    if (!row) throw new Error('The rate limit statement returned no row.');
    const time = Number(row.time);
    if (time >= nextSweep) {
      nextSweep = time + windowMs;
      await sql`DELETE FROM rate_limits WHERE expires_at <= ${time}`;
    }
    if (row.allowed) return { allowed: true, retryAfter: 0, limit, windowMs };
    // The hit whose expiry frees enough room, from the row as the statement found it.
    const times = (row.hits ?? [])
      .map(Number)
      .filter((hit) => hit > time - windowMs)
      .sort((a, b) => a - b);
    const freeing = times[times.length + cost - limit - 1];
    return refused(freeing === undefined ? windowMs : freeing + windowMs - time);
  }

  return { take, close: () => handle.release() };
}
