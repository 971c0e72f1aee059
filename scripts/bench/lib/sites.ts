/**
 * The sites the benchmarks measure, each built into its own folder under bench/tmp so that a build another
 * engineer starts in dist/ can't pull the files away mid-run:
 *
 * - the real site (the real content/) in bench/tmp/site-real, built with KB_CONTENT_DIR=./content, which reads the
 *   same files but gives the build its own content cache (see astro.config.mjs);
 * - generated libraries of N articles in bench/tmp/site-N (see scale.ts).
 *
 * A built site is served by its own Node adapter server (`<outDir>/server/entry.mjs`, as `npm start` does), or,
 * for a client folder alone, by the static server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, TMP_DIR, log } from './report.ts';
import { runMeasured, type Measured } from './measure-process.ts';
import { serveStatic } from './static-server.ts';

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
export async function buildSite(contentDir: string, outDir: string, logName: string): Promise<Measured> {
  await rm(outDir, { recursive: true, force: true });
  await rm(contentCacheDir(contentDir), { recursive: true, force: true });
  const measured = await runMeasured(ASTRO_BIN, ['build', '--outDir', path.relative(ROOT, outDir)], {
    cwd: ROOT,
    env: { KB_CONTENT_DIR: contentDir, ASTRO_TELEMETRY_DISABLED: '1' },
    logFile: path.join(TMP_DIR, 'logs', `${logName}.log`),
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

/** The client (static) folder of a build's outDir, or the folder itself if it is one. */
export function clientDir(dir: string): string {
  return existsSync(path.join(dir, 'client', 'index.html')) ? path.join(dir, 'client') : dir;
}

export interface Served {
  url: string;
  /** 'node-adapter' when the site's own server serves it (pages, API), 'static' for the static server. */
  server: 'node-adapter' | 'static';
  close(): Promise<void>;
}

/** Serves a built site with its own server when it has one (as `npm start` does), else statically. */
export async function serveSite(dir: string, options: { preferStatic?: boolean } = {}): Promise<Served> {
  const entry = path.join(dir, 'server', 'entry.mjs');
  if (!options.preferStatic && existsSync(entry)) return startEntry(entry);
  const site = await serveStatic(clientDir(dir));
  return { ...site, server: 'static' };
}

async function startEntry(entry: string): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DEMO_RATE_LIMIT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start within 15 s:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/i.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace(/\/$/, ''));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}:\n${output}`)));
  });
  return {
    url,
    server: 'node-adapter',
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill();
      await exited;
    },
  };
}
