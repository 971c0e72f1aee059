/**
 * One small connection pool per database per function instance, shared by the feedback store and the rate
 * limiters and reused by every invocation that instance serves.
 *
 * The driver is `postgres` (porsager/postgres): pure JavaScript with no native add-on and no optional `require`
 * for bundlers to trip on (`pg` has `pg-native`), ESM, and it speaks the wire protocol to any Postgres, so Netlify's
 * and Vercel's Node functions bundle it cleanly and it reaches Neon, Supabase or RDS by a plain DATABASE_URL.
 */
import postgres from 'postgres';

export type Sql = postgres.Sql;

interface Shared {
  sql: Sql;
  users: number;
}

const pools = new Map<string, Shared>();

export interface PostgresHandle {
  sql: Sql;
  /** Gives the pool back; the last user to release it closes its connections. */
  release(): Promise<void>;
}

/** The pool for `url`, made on first use. */
export function acquirePostgres(url: string): PostgresHandle {
  let shared = pools.get(url);
  if (!shared) {
    shared = {
      sql: postgres(url, {
        // A function instance serves one request at a time or a few: three connections are plenty, and a
        // provider's connection limit is shared by every instance the platform starts.
        max: 3,
        // A frozen or idle instance should not hold connections open on the database.
        idle_timeout: 20,
        connect_timeout: 10,
        // Poolers in transaction mode (Supabase's port 6543, PgBouncer) can't keep named prepared statements.
        prepare: false,
        // Notices such as "relation already exists, skipping" are not worth a log line.
        onnotice: () => {},
      }),
      users: 0,
    };
    pools.set(url, shared);
  }
  shared.users += 1;
  const current = shared;
  let released = false;
  return {
    sql: current.sql,
    async release() {
      if (released) return;
      released = true;
      current.users -= 1;
      if (current.users > 0) return;
      pools.delete(url);
      await current.sql.end({ timeout: 5 });
    },
  };
}

/** Postgres's "undefined_table": the database has not been migrated. */
export function isMissingTable(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '42P01';
}

/** What to do when the tables are missing, without the URL (it holds a password). */
export function missingTablesError(error: unknown): Error {
  return new Error(
    'The feedback tables are missing in the DATABASE_URL database: run `DATABASE_URL=… npm run migrate` once.',
    { cause: error },
  );
}
