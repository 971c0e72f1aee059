/**
 * The store the environment names, opened for reading by `npm run report` (and anything else that reads the
 * report outside the site's function): Postgres when DATABASE_URL is set, else the SQLite file in KB_DATA_DIR,
 * read-only. Each engine's branch is here and only here.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, redactUrlPassword, type Env } from '../config.ts';
import type { FeedbackStore } from './store.ts';

export type ReportSource =
  | {
      /** Where the report was read from, as printed: a path, or a connection string without its password. */
      database: string;
      store: FeedbackStore;
    }
  | {
      /** Nothing to read yet, and why, in a sentence for the team. */
      missing: string;
    };

export async function openReportSource(env: Env): Promise<ReportSource> {
  const { dataDir, databaseUrl } = loadConfig(env);
  if (databaseUrl) {
    const { createPostgresStore } = await import('./postgres-store.ts');
    return { database: redactUrlPassword(new URL(databaseUrl)), store: createPostgresStore({ url: databaseUrl }) };
  }
  // (D1 through wrangler goes here: the Cloudflare target's database.)
  const { createSqliteStore, databaseFileName } = await import('./sqlite-store.ts');
  const path = join(dataDir, databaseFileName);
  if (!existsSync(path))
    return {
      missing:
        `No feedback database yet: ${path} doesn't exist. It is created when the site receives its first feedback ` +
        '(or search miss). If the server keeps its data elsewhere, run the report with the same KB_DATA_DIR, or ' +
        'with DATABASE_URL for a deployment that keeps it in Postgres.',
    };
  return { database: path, store: createSqliteStore({ dataDir, readOnly: true }) };
}
