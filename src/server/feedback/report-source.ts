/**
 * The store the environment names, opened for reading by `npm run report` (and anything else that reads the
 * report outside the site's function): Postgres when DATABASE_URL is set, else the Cloudflare target's local D1
 * database when KB_D1_STATE names its wrangler state folder, else the SQLite file in KB_DATA_DIR, read-only. Each engine's branch is here and only here.
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
  const { dataDir, databaseUrl, d1State } = loadConfig(env);
  if (databaseUrl) {
    const { createPostgresStore } = await import('./postgres-store.ts');
    return { database: redactUrlPassword(new URL(databaseUrl)), store: createPostgresStore({ url: databaseUrl }) };
  }
  if (d1State) {
    // The Cloudflare target's database as `wrangler dev` left it, read through Cloudflare's local engine.
    if (!existsSync(join(d1State, 'v3', 'd1')))
      return {
        missing:
          `No local D1 database in ${d1State} yet: run \`KB_D1_STATE=${d1State} npm run migrate\`, then ` +
          `\`wrangler dev --persist-to ${d1State}\` with the Cloudflare build, and send it some feedback.`,
      };
    const { openLocalD1Store } = await import('../cloudflare/local.ts');
    return { database: `D1 FEEDBACK_DB in ${d1State}`, store: await openLocalD1Store({ persistDir: d1State }) };
  }
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
