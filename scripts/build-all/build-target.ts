/** One target: its build into dist/deploy/<target>/, then every check of it, as one row of the table. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DeployTarget } from '../../src/integrations/target.ts';
import { lastLines } from './files.ts';
import { readBundle } from './function-check.ts';
import { BUILD, BUILD_TIMEOUT_MS, OUT, ROOT } from './paths.ts';
import { repointWranglerRedirect } from './platforms/cloudflare.ts';
import { platforms } from './platforms/index.ts';
import { moveInto, stash, unstash } from './stash.ts';
import { checkStatic } from './static-check.ts';
import { isCheck, type Check, type Row, type RunContext } from './types.ts';

/** `run` is undefined with --no-run: the functions are built and checked but not called. */
export async function buildTarget(target: DeployTarget, run: RunContext | undefined): Promise<Row> {
  const platform = platforms[target];
  const dir = path.join(OUT, target);
  const logFile = path.join(OUT, `${target}.log`);
  const row: Row = {
    target,
    buildSeconds: undefined,
    staticFiles: { ok: false, text: 'not built' },
    functionBundle: { ok: false, text: 'not built' },
    redirectsHeaders: { ok: false, text: 'not built' },
    localRun: { ok: !run, text: run ? 'not run' : 'skipped (--no-run)' },
    notes: [],
  };
  console.log(
    `\n▶ ${target}: KB_TARGET=${target} npm run build -- --outDir ${path.relative(ROOT, path.join(dir, 'dist'))}`,
  );
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const stashed = stash(platform.layout.rootFolders);
  try {
    const started = Date.now();
    const build = spawnSync(process.execPath, [BUILD, '--outDir', path.join(dir, 'dist')], {
      cwd: ROOT,
      env: { ...process.env, KB_TARGET: target, ASTRO_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: BUILD_TIMEOUT_MS,
    });
    row.buildSeconds = (Date.now() - started) / 1000;
    writeFileSync(logFile, `${build.stdout ?? ''}\n${build.stderr ?? ''}`);
    for (const folder of platform.layout.rootFolders) moveInto(folder, dir);
    if (build.status !== 0) {
      const reason = build.error ? build.error.message : `exit ${build.status ?? build.signal}`;
      row.staticFiles = { ok: false, text: `build failed (${reason})` };
      console.error(`✖ ${target}: the build failed (${reason}); its output is in ${path.relative(ROOT, logFile)}:`);
      console.error(lastLines(`${build.stdout}\n${build.stderr}`, 25));
      return row;
    }
  } finally {
    unstash(stashed);
  }
  if (target === 'vercel') {
    // Vercel copies the client folder into .vercel/output/static; the outDir holds nothing else it needs.
    rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
  }
  if (target === 'cloudflare') repointWranglerRedirect(dir);
  console.log(`  built in ${row.buildSeconds.toFixed(1)} s; log: ${path.relative(ROOT, logFile)}`);

  const staticDir = path.join(dir, platform.layout.staticDir);
  row.staticFiles = checkStatic(staticDir);
  const bundle = readBundle(dir, platform.layout);
  row.functionBundle = isCheck(bundle) ? bundle : platform.checkFunction(bundle, row.notes);
  row.redirectsHeaders = platform.checkRedirectsAndHeaders(dir, staticDir);
  if (run) {
    try {
      row.localRun = await platform.run(dir, run, row.notes);
    } catch (error) {
      row.localRun = { ok: false, text: `failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  const checks: [string, Check][] = [
    ['static', row.staticFiles],
    ['function', row.functionBundle],
    ['redirects/headers', row.redirectsHeaders],
    ['run', row.localRun],
  ];
  for (const [what, check] of checks) console.log(`  ${check.ok ? '✔' : '✖'} ${what}: ${check.text}`);
  return row;
}

export function passed(row: Row): boolean {
  return [row.staticFiles, row.functionBundle, row.redirectsHeaders, row.localRun].every((check) => check.ok);
}
