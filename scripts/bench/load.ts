/**
 * `npm run bench:load`: the demo function under load with its rate limit on (scripts/bench/lib/rate-limit-load.ts,
 * in its own process): steady traffic from many clients must be served without errors, and one client's burst
 * cut off with 429s while another client is still served. The only benchmark of the limiter: the function
 * benchmark runs with it off. Figures go to the "load" section of bench/results.json; `--quick` runs 10 s phases.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { phaseTable, type LoadReport } from './lib/load-report.ts';
import { benchOptions, type BenchOptions } from './lib/options.ts';
import { ROOT, TMP_DIR, log, saveSection } from './lib/report.ts';

const SCRIPT = path.join(ROOT, 'scripts', 'bench', 'lib', 'rate-limit-load.ts');

/** The report, also when the run found problems (they are in it); throws only when there is no report. */
export async function loadBench(options: BenchOptions): Promise<LoadReport> {
  mkdirSync(TMP_DIR, { recursive: true });
  const out = path.join(TMP_DIR, 'load.json');
  rmSync(out, { force: true });
  const args = ['--json', out, ...(options.quick ? ['--seconds', '10', '--burst-seconds', '3'] : [])];
  log(`load: scripts/bench/lib/rate-limit-load.ts ${args.join(' ')}`);
  const child = spawn(process.execPath, [SCRIPT, ...args], { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (!existsSync(out)) throw new Error(`scripts/bench/lib/rate-limit-load.ts failed (exit ${code}):\n${stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')) as LoadReport;
}

export function loadTables(report: LoadReport): string {
  const { actions, reads } = report.rate_limit_per_client_minute;
  const title =
    `Demo function with its rate limit (${actions} actions, ${reads} reads a minute per client): ` +
    `${report.steady.rate} req/s over ${report.steady.clients} clients for ${report.steady.seconds} s, then a ${report.burst.seconds} s burst`;
  const verdict = report.problems.length ? report.problems.map((p) => `✖ ${p}`).join('\n') : '✔ as expected';
  return `${phaseTable(report.phases, title)}${verdict}\n`;
}

if (import.meta.main) {
  const report = await loadBench(benchOptions('bench:load', 'The demo function under load with its rate limit on.'));
  saveSection('load', report);
  console.log(loadTables(report));
  console.log('written to bench/results.json (section "load")');
  if (report.problems.length) process.exitCode = 1;
}
