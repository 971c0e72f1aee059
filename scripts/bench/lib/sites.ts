/**
 * The sites the benchmarks measure, each built into its own folder under bench/tmp so that a build another
 * engineer starts in dist/ can't pull the files away mid-run:
 *
 * - the real site (the real content/) in bench/tmp/site-real, built with KB_CONTENT_DIR=./content, which reads the
 *   same files but gives the build its own content cache (see astro.config.mjs);
 * - generated libraries of N articles in bench/tmp/site-N (see scale.ts).
 *
 * They are served by scripts/lib/serve-build.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, TMP_DIR, log } from './report.ts';
import { runMeasured, type Measured } from './measure-process.ts';
import type { BenchOptions } from './options.ts';

export const REAL_SITE_DIR = path.join(TMP_DIR, 'site-real');
export const ASTRO_BIN = path.join(ROOT, 'node_modules', '.bin', 'astro');
/** `npm run build`'s script: `astro build`, then the search index in a process of its own. */
const BUILD_SCRIPT = path.join(ROOT, 'scripts', 'build.ts');

/** The cache folder astro.config.mjs gives a build with this KB_CONTENT_DIR (kept in step with it). */
export function contentCacheDir(contentDir: string): string {
  return path.join(
    ROOT,
    'node_modules',
    '.astro',
    `library-${createHash('sha1').update(contentDir).digest('hex').slice(0, 10)}`,
  );
}

/**
 * Builds the real site with `npm run build -- --outDir <outDir>` from a cold content cache, measured. `contentDir` is
 * passed to the build as KB_CONTENT_DIR exactly as given (relative to the project root).
 */
export async function buildSite(
  contentDir: string,
  outDir: string,
  logName: string,
  markers?: Record<string, RegExp>,
): Promise<Measured> {
  await rm(outDir, { recursive: true, force: true });
  await rm(contentCacheDir(contentDir), { recursive: true, force: true });
  const measured = await runMeasured(process.execPath, [BUILD_SCRIPT, '--outDir', path.relative(ROOT, outDir)], {
    cwd: ROOT,
    env: { KB_CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1' },
    logFile: path.join(TMP_DIR, 'logs', `${logName}.log`),
    markers,
  });
  if (measured.exitCode !== 0)
    throw new Error(`the build of ${contentDir} failed (exit ${measured.exitCode}); see ${measured.logFile}`);
  return measured;
}

let realBuild: Promise<{ dir: string; build?: Measured }> | undefined;

/**
 * The real site to measure: `--dir <folder>` (a build's outDir, or its client folder) when given; otherwise the
 * real content built once per process into bench/tmp/site-real (`--no-build` reuses the one there).
 */
export function realSite(options: BenchOptions): Promise<{ dir: string; build?: Measured }> {
  realBuild ??= (async () => {
    if (options.dir) return { dir: options.dir };
    if (options.noBuild && existsSync(path.join(REAL_SITE_DIR, 'client', 'index.html'))) return { dir: REAL_SITE_DIR };
    log('building the real site into bench/tmp/site-real');
    const build = await buildSite('./content', REAL_SITE_DIR, 'build-real');
    log(`built in ${(build.wallMs / 1000).toFixed(1)} s`);
    return { dir: REAL_SITE_DIR, build };
  })();
  return realBuild;
}
