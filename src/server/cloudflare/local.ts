/**
 * The Worker's D1 database and rate-limit bindings outside the Worker, on this machine, for the tests, build:all,
 * and `npm run migrate` and `npm run report` with KB_D1_STATE. Node only (never part of a build).
 *
 * The engine is Cloudflare's own local one: Miniflare, which `wrangler dev` runs (the `miniflare` dev dependency
 * is pinned to the version wrangler ships), with the bindings as wrangler.jsonc declares them. Migrations are
 * applied by wrangler itself (`wrangler d1 migrations apply --local`), as for a deploy, into a persist folder that
 * `wrangler dev --persist-to` and these bindings then share: the data outlives every process that wrote it.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Miniflare, convertV4MiniflareOptions, type V4WorkerOptions } from 'miniflare';
import { createD1Store, type D1Binding } from '../feedback/d1-store.ts';
import type { FeedbackStore } from '../feedback/store.ts';
import type { RateLimitBinding } from '../http/binding-rate-limit.ts';
import { feedbackDatabaseBinding } from './binding-names.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The project's wrangler.jsonc: the bindings and the migrations folder. */
export const wranglerConfig = path.join(root, 'wrangler.jsonc');

/** The D1 migrations, as wrangler.jsonc's `migrations_dir` names them. */
const migrationsDir = path.join(root, 'migrations', 'd1');

/** Where `wrangler dev` run from the project root keeps its local data when not told otherwise. */
export const defaultPersistDir = path.join(root, '.wrangler', 'state');

/** wrangler, offline: no telemetry, no error reports, no fetch of the `Request.cf` placeholder. */
export const offlineWranglerEnv = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
} as const;

const wranglerBin = path.join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

export interface LocalD1Options {
  /** The folder `wrangler dev --persist-to` is given; `.wrangler/state` by default. */
  persistDir?: string;
  /** The wrangler config declaring the bindings; the project's wrangler.jsonc by default. */
  config?: string;
}

/** Applies the D1 migrations not yet applied to the local database, with wrangler; returns wrangler's output. */
export async function applyLocalD1Migrations({
  persistDir = defaultPersistDir,
  config = wranglerConfig,
}: LocalD1Options = {}): Promise<string> {
  const args = ['d1', 'migrations', 'apply', feedbackDatabaseBinding, '--local', '--persist-to', persistDir];
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [wranglerBin, ...args, '--config', config], {
    cwd: root,
    env: { ...process.env, ...offlineWranglerEnv, WRANGLER_LOG_PATH: path.join(persistDir, 'logs') },
    timeout: 120_000,
  }).catch((error: Error & { stdout?: string; stderr?: string }) => {
    throw new Error(`wrangler d1 migrations apply failed: ${error.stderr || error.stdout || error.message}`);
  });
  return stdout + stderr;
}

export interface LocalBindings {
  /** The feedback database (`FEEDBACK_DB`). */
  db: D1Binding;
  /** A rate-limit binding by name; throws if the config has none of that name. */
  rateLimit(name: string): RateLimitBinding;
  dispose(): Promise<void>;
}

/** The bindings of `config`, over the data in `persistDir`, in a Miniflare instance of their own. */
export async function openLocalBindings({
  persistDir = defaultPersistDir,
  config = wranglerConfig,
}: LocalD1Options = {}): Promise<LocalBindings> {
  // wrangler's own reading of the config, so the bindings here are exactly the ones `wrangler dev` makes.
  const { unstable_getMiniflareWorkerOptions } = await import('wrangler');
  const { workerOptions } = unstable_getMiniflareWorkerOptions(config);
  const miniflare = new Miniflare(
    convertV4MiniflareOptions({
      // wrangler keeps its local data in <persist-to>/v3/<plugin>.
      resourcePersistencePath: path.join(persistDir, 'v3'),
      // Offline: no fetch of Cloudflare's `Request.cf` placeholder.
      cf: false,
      workers: [
        {
          name: 'local-bindings',
          modules: true,
          script: 'export default { fetch() { return new Response(null, { status: 404 }); } }',
          compatibilityDate: '2026-01-01',
          // wrangler types these with its own copy of Miniflare's types: the same version, as package.json pins it.
          d1Databases: workerOptions.d1Databases as V4WorkerOptions['d1Databases'],
          ratelimits: workerOptions.ratelimits as V4WorkerOptions['ratelimits'],
        },
      ],
    }),
  );
  try {
    const bindings = await miniflare.getBindings<Record<string, unknown>>();
    const db = bindings[feedbackDatabaseBinding] as D1Binding | undefined;
    if (!db) throw new Error(`${config} declares no ${feedbackDatabaseBinding} D1 database.`);
    return {
      db,
      rateLimit(name) {
        const binding = bindings[name] as RateLimitBinding | undefined;
        if (!binding) throw new Error(`${config} declares no ${name} rate limit.`);
        return binding;
      },
      dispose: () => miniflare.dispose(),
    };
  } catch (error) {
    await miniflare.dispose();
    throw error;
  }
}

/**
 * The feedback store over the local D1 database in `persistDir`, for the report: closing it stops its engine. Run
 * it while no `wrangler dev` uses the folder (two engines on one database file may see each other's writes late).
 */
export async function openLocalD1Store(options: LocalD1Options = {}): Promise<FeedbackStore> {
  const dir = options.persistDir ?? defaultPersistDir;
  const local = await openLocalBindings(options);
  try {
    const missing = await unappliedMigrations(local.db);
    if (missing.length > 0) {
      throw new Error(
        `The local D1 database in ${dir} lacks migrations ${missing.join(', ')}: ` +
          `run \`KB_D1_STATE=${dir} npm run migrate\`.`,
      );
    }
  } catch (error) {
    await local.dispose();
    throw error;
  }
  return { ...createD1Store({ db: local.db }), close: () => local.dispose() };
}

/** The files of migrations/d1 that wrangler has not recorded as applied to `db`, in order. */
export async function unappliedMigrations(db: D1Binding): Promise<string[]> {
  const files = readdirSync(migrationsDir)
    .filter((file) => file.endsWith('.sql'))
    .sort();
  const { results: table } = await db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'd1_migrations'")
    .all();
  if (table.length === 0) return files;
  const { results } = await db.prepare('SELECT name FROM d1_migrations').all<{ name: string }>();
  const applied = new Set(results.map(({ name }) => name));
  return files.filter((file) => !applied.has(file));
}
