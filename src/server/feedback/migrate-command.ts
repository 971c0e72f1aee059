/**
 * `npm run migrate`: brings the database the environment names up to date with `migrations/<engine>/`, applying
 * only what it lacks, and says what it did. Postgres when DATABASE_URL is set (run it once per deploy that adds a
 * migration, before the new code serves); else the SQLite file in KB_DATA_DIR, made if missing (a node server also
 * does this itself as it opens the file). `scripts/migrate.ts` runs `runMigrate`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, redactUrlPassword, type Env } from '../config.ts';
import { redactKeys } from '../http/redact.ts';
import { migrationsDir, readMigrations } from './migrations.ts';

export interface MigrateIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: MigrateIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

/** Returns the exit code: 0, or 1 when the database can't be reached or a migration fails. */
export async function runMigrate(env: Env, io: MigrateIo = processIo): Promise<number> {
  let where = 'the database';
  try {
    const { databaseUrl, dataDir } = loadConfig(env);
    let applied: string[];
    if (databaseUrl) {
      where = redactUrlPassword(new URL(databaseUrl));
      applied = await migratePostgresAt(databaseUrl);
    } else {
      // (D1 goes here: `wrangler d1 migrations apply` for the Cloudflare target.)
      where = join(dataDir, 'feedback.sqlite');
      applied = await migrateSqliteAt(dataDir);
    }
    io.stdout(
      applied.length === 0
        ? `${where}: up to date, nothing to apply.`
        : `${where}: applied ${applied.length} migration${applied.length === 1 ? '' : 's'}:\n${applied.map((name) => `  ${name}`).join('\n')}`,
    );
    return 0;
  } catch (error) {
    io.stderr(`Migrating ${where} failed: ${redactKeys(error instanceof Error ? error.message : String(error))}`);
    return 1;
  }
}

async function migratePostgresAt(url: string): Promise<string[]> {
  const { acquirePostgres } = await import('../postgres/client.ts');
  const { migratePostgres } = await import('../postgres/migrate.ts');
  const handle = acquirePostgres(url);
  try {
    return await migratePostgres(handle.sql, readMigrations(migrationsDir('postgres')));
  } finally {
    await handle.release();
  }
}

async function migrateSqliteAt(dataDir: string): Promise<string[]> {
  const { databaseFileName, loadSqlite, migrate } = await import('./sqlite-store.ts');
  mkdirSync(dataDir, { recursive: true });
  const { DatabaseSync } = loadSqlite();
  const db = new DatabaseSync(join(dataDir, databaseFileName));
  try {
    db.exec('PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL');
    return migrate(db, readMigrations(migrationsDir('sqlite')));
  } finally {
    db.close();
  }
}
