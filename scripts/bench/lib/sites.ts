/**
 * The sites the benchmarks measure, each built into its own folder under bench/tmp so that a build another
 * engineer starts in dist/ can't pull the files away mid-run:
 *
 * - the real site (the real content/) in bench/tmp/site-real, built with KB_CONTENT_DIR=./content, which reads the
 *   same files but gives the build its own content cache (see astro.config.mjs);
 * - generated libraries of N articles in bench/tmp/site-N (see scale.ts).
 *
 * A built site is served by `npm start`'s server (scripts/start.ts: the adapter's handler with compression and
 * the security headers), or, for a client folder alone, by the static server.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, TMP_DIR, log } from './report.ts';
import { runMeasured, type Measured } from './measure-process.ts';
import { countingProxy, serveStatic, type StaticSite } from './static-server.ts';
import { startSite } from '../../lib/browser-site.ts';

export const REAL_SITE_DIR = path.join(TMP_DIR, 'site-real');
export const ASTRO_BIN = path.join(ROOT, 'node_modules', '.bin', 'astro');

/** The cache folder astro.config.mjs gives a build with this KB_CONTENT_DIR (kept in step with it). */
export function contentCacheDir(contentDir: string): string {
  return path.join(ROOT, 'node_modules', '.astro', `library-${createHash('sha1').update(contentDir).digest('hex').slice(0, 10)}`);
}

/**
 * Builds the real site with `astro build --outDir <outDir>` from a cold content cache, measured. `contentDir` is
 * passed to the build as KB_CONTENT_DIR exactly as given (relative to the project root).
 */
export async function buildSite(contentDir: string, outDir: string, logName: string, markers?: Record<string, RegExp>): Promise<Measured> {
  await rm(outDir, { recursive: true, force: true });
  await rm(contentCacheDir(contentDir), { recursive: true, force: true });
  const measured = await runMeasured(ASTRO_BIN, ['build', '--outDir', path.relative(ROOT, outDir)], {
    cwd: ROOT,
    env: { KB_CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1' },
    logFile: path.join(TMP_DIR, 'logs', `${logName}.log`),
    markers,
  });
  if (measured.exitCode !== 0) throw new Error(`the build of ${contentDir} failed (exit ${measured.exitCode}); see ${measured.logFile}`);
  return measured;
}

let realBuild: Promise<{ dir: string; build?: Measured }> | undefined;

/**
 * The real site to measure: `--dir <folder>` (a build's outDir, or its client folder) when given; otherwise the
 * real content built once per process into bench/tmp/site-real (`--no-build` reuses the one there).
 */
export function realSite(args: readonly string[]): Promise<{ dir: string; build?: Measured }> {
  realBuild ??= (async () => {
    const at = args.indexOf('--dir');
    if (at >= 0) return { dir: path.resolve(args[at + 1]!) };
    if (args.includes('--no-build') && existsSync(path.join(REAL_SITE_DIR, 'client', 'index.html'))) return { dir: REAL_SITE_DIR };
    log('building the real site into bench/tmp/site-real');
    const build = await buildSite('./content', REAL_SITE_DIR, 'build-real');
    log(`built in ${(build.wallMs / 1000).toFixed(1)} s`);
    return { dir: REAL_SITE_DIR, build };
  })();
  return realBuild;
}

/** Whether a build's outDir has the Node adapter's server (the on-demand routes). */
export function hasServer(dir: string): boolean {
  return existsSync(path.join(dir, 'server', 'entry.mjs'));
}

/** The client (static) folder of a build's outDir, or the folder itself if it is one. */
export function clientDir(dir: string): string {
  return existsSync(path.join(dir, 'client', 'index.html')) ? path.join(dir, 'client') : dir;
}

export interface Served {
  url: string;
  /** 'like npm start' when the build's own server serves it (compression, headers, API routes), else 'static'. */
  server: 'like npm start' | 'static';
  close(): Promise<void>;
}

/**
 * Serves a built site with `npm start`'s server (scripts/start.ts) when it has a server, else its client folder
 * with the static server (no compression).
 */
export async function serveSite(dir: string): Promise<Served> {
  if (hasServer(dir)) return startBuild(dir);
  const site = await serveStatic(clientDir(dir));
  return { ...site, server: 'static' };
}

/**
 * The site behind a counting proxy: every response's bytes as sent (compressed when the server compressed), and
 * the file behind it. Served like `npm start` when the build has a server, else by the static server.
 */
export async function serveCounted(dir: string): Promise<StaticSite & { server: Served['server'] }> {
  if (!hasServer(dir)) return { ...(await serveStatic(clientDir(dir))), server: 'static' };
  const app = await startBuild(dir);
  const proxy = await countingProxy(app.url, clientDir(dir));
  return {
    ...proxy,
    server: app.server,
    close: async () => {
      await proxy.close();
      await app.close();
    },
  };
}

async function startBuild(dir: string): Promise<Served> {
  const site = await startSite({}, dir);
  return { url: site.url, server: 'like npm start', close: site.close };
}
