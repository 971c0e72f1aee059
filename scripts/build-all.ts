/**
 * `npm run build:all [-- <target>…] [-- --no-run]`: builds the site for every deployment target, one after
 * another, offline, into dist/deploy/<target>/, checks that each output holds what its platform needs, runs each
 * function once against the Stripe emulator, and prints a table.
 *
 * dist/deploy/<target>/ holds what `KB_TARGET=<target> npm run build` leaves in the project root for that platform,
 * with the same paths, so a deploy can start from there:
 *
 *   node        dist/ (client/, server/, security-headers.json)
 *   netlify     dist/ (the publish folder), .netlify/v1/ (the function and the framework config)
 *   vercel      .vercel/output/ (Build Output API: static/, functions/_render.func, config.json)
 *   cloudflare  dist/client (assets), dist/server (the Worker and its wrangler.json), .wrangler/deploy/config.json
 *
 * The default build in dist/ is never touched; folders adapters write at the root are put back as they were
 * (build-all/stash.ts). Each platform's layout, checks and local run are in build-all/platforms/<target>.ts. The
 * serverless runs talk to one emulator (`node scripts/emulator.ts`) on loopback through STRIPE_EMULATOR_URL, as a
 * serverless deployment must; node runs as `npm start` does with no settings, with its in-process emulator.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deployTargets, type DeployTarget } from '../src/integrations/target.ts';
import { parseCommandLine } from './lib/args.ts';
import { table } from './lib/table.ts';
import { buildTarget, passed } from './build-all/build-target.ts';
import { OUT } from './build-all/paths.ts';
import { startEmulator, stop } from './build-all/processes.ts';
import type { Check, Row } from './build-all/types.ts';

const usage = `usage: npm run build:all [-- <target>…] [--no-run]
Builds, checks and runs every deployment target (or those named: ${deployTargets.join(', ')}).`;
const { values, positionals } = parseCommandLine(
  usage,
  { 'no-run': { type: 'boolean', default: false } },
  { positionals: true },
);
for (const name of positionals) {
  if (!(deployTargets as readonly string[]).includes(name)) {
    console.error(`build:all: unknown target "${name}"; the targets are ${deployTargets.join(', ')}.`);
    process.exit(2);
  }
}
const targets = positionals.length ? (positionals as DeployTarget[]) : [...deployTargets];

mkdirSync(OUT, { recursive: true });
const scratch = path.join(tmpdir(), `kb-build-all-${process.pid}`);
mkdirSync(scratch, { recursive: true });
const emulator = values['no-run'] ? undefined : await startEmulator();
const rows: Row[] = [];
try {
  for (const target of targets)
    rows.push(await buildTarget(target, emulator && { emulatorUrl: emulator.url, scratch }));
} finally {
  if (emulator) await stop(emulator.child);
  rmSync(scratch, { recursive: true, force: true });
}

const mark = (check: Check) => `${check.ok ? '✔' : '✖'} ${check.text}`;
console.log(
  '\n' +
    table(
      rows.map((row) => ({
        target: row.target,
        build: row.buildSeconds === undefined ? undefined : `${row.buildSeconds.toFixed(1)} s`,
        'static files': mark(row.staticFiles),
        'function bundle': mark(row.functionBundle),
        'redirects / headers': mark(row.redirectsHeaders),
        'local run': mark(row.localRun),
      })),
    ),
);
const notes = rows.flatMap((row) => row.notes);
if (notes.length) console.log(notes.map((note) => `- ${note}`).join('\n'));
const failed = rows.filter((row) => !passed(row));
if (failed.length) {
  const names = failed.map((row) => row.target).join(', ');
  console.error(`\nbuild:all: ${names} did not pass; see above and dist/deploy/<target>.log.`);
  process.exit(1);
}
console.log(`\nbuild:all: ${rows.length} target${rows.length === 1 ? '' : 's'} built and checked, in dist/deploy/.`);
