/**
 * `npm run bench:function`: runs the demo function benchmark (scripts/bench/lib/function-load.ts: start-up time and
 * autocannon load on its two endpoints) in its own process, and files its figures in the "function" section of
 * bench/results.json. BENCH_DURATION and BENCH_CONNECTIONS tune it as they tune function-load.ts.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { table } from '../lib/table.ts';
import type { FunctionReport } from './lib/function-load.ts';
import { benchOptions } from './lib/options.ts';
import { ROOT, TMP_DIR, log, saveSection } from './lib/report.ts';

export async function functionBench(): Promise<FunctionReport> {
  mkdirSync(TMP_DIR, { recursive: true });
  const out = path.join(TMP_DIR, 'function.json');
  rmSync(out, { force: true });
  log('function: scripts/bench/lib/function-load.ts');
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'lib', 'function-load.ts'), out], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`scripts/bench/lib/function-load.ts failed (exit ${code}):\n${stderr}`);
  return JSON.parse(readFileSync(out, 'utf8')) as FunctionReport;
}

export function functionTables(r: FunctionReport): string {
  return table(
    [
      { figure: 'process start → listening', value: `${r.startup.listening_ms} ms` },
      { figure: 'process start → first answer', value: `${r.startup.first_answer_ms} ms` },
      ...r.endpoints.map((e) => ({
        figure: e.endpoint,
        value: `${e.requests_per_second} req/s · p50 ${e.latency_p50_ms} ms · p99 ${e.latency_p99_ms} ms · ${e.requests} requests · ${e.non_2xx} non-2xx · ${e.errors} errors`,
      })),
    ],
    `Demo function (${r.stripe}; ${r.connections} connections, ${r.duration_s} s per endpoint)`,
  );
}

if (import.meta.main) {
  benchOptions(
    'bench:function',
    'The demo function: start-up time and load on its two endpoints (BENCH_DURATION, BENCH_CONNECTIONS).',
  );
  const report = await functionBench();
  saveSection('function', report);
  console.log(functionTables(report));
  console.log('written to bench/results.json (section "function")');
}
