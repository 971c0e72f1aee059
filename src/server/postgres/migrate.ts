/**
 * Applies `migrations/postgres/` to a database: the ones it lacks, in order, each in the one transaction, under an
 * advisory lock so that two deploys migrating at once don't both apply one. Used by `npm run migrate`.
 */
import type { Migration } from '../feedback/migrations.ts';
import type { Sql } from './client.ts';

/** Any fixed number: the lock is only ever taken by this function. */
const migrationLock = 1_606_160_016;

/** Applies what is pending and returns the names it applied. */
export async function migratePostgres(sql: Sql, migrations: readonly Migration[]): Promise<string[]> {
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${migrationLock})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_on date NOT NULL DEFAULT current_date)`;
    const applied = new Set((await tx<{ name: string }[]>`SELECT name FROM schema_migrations`).map(({ name }) => name));
    const done: string[] = [];
    for (const { name, sql: statements } of migrations) {
      if (applied.has(name)) continue;
      await tx.unsafe(statements);
      await tx`INSERT INTO schema_migrations (name) VALUES (${name})`;
      done.push(name);
    }
    return done;
  });
}
