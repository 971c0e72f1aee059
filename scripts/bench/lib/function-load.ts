/**
 * Benchmarks the demo function: starts it (handler + in-process Stripe emulator) in a child process, measures
 * the time from that process's start to its first answer, then loads `GET /api/demo/payments/:id` and
 * `POST /api/demo/payments/:id/refunds` with autocannon from another process.
 *
 *   node scripts/bench/lib/function-load.ts [results.json]
 *
 * Prints a table on stderr; writes the figures as JSON to the file given, or to stdout.
 * BENCH_DURATION (seconds per endpoint, default 5) and BENCH_CONNECTIONS (default 10) tune the load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { parseCommandLine } from '../../lib/args.ts';
import { table } from '../../lib/table.ts';

const duration = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const {
  positionals: [output],
} = parseCommandLine(
  'usage: node scripts/bench/lib/function-load.ts [results.json]\nThe demo function: start-up time, then load on two endpoints (BENCH_DURATION s each, BENCH_CONNECTIONS).',
  {},
  { positionals: true },
);
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The figures this writes, which `npm run bench:function` (scripts/bench/function.ts) reads back. */
export interface FunctionReport {
  date: string;
  node: string;
  cpu: string;
  stripe: string;
  duration_s: number;
  connections: number;
  startup: { listening_ms: number; first_answer_ms: number };
  endpoints: LoadResult[];
}

/** One endpoint under load. */
interface LoadResult {
  endpoint: string;
  requests_per_second: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
  requests: number;
  non_2xx: number;
  errors: number;
}

const started = performance.now();
const server = spawn(process.execPath, ['scripts/bench/demo-server.ts'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const port = await portOf(server);
  const listeningMs = performance.now() - started;
  const base = `http://127.0.0.1:${port}`;
  const first = await fetch(`${base}/api/demo/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ amount: 100_000 }),
  });
  const firstAnswerMs = performance.now() - started;
  if (first.status !== 201) throw new Error(`creating the payment answered ${first.status}: ${await first.text()}`);
  const { payment } = (await first.json()) as { payment: { id: string } };

  const results = [
    await load(`GET /api/demo/payments/:id`, [`${base}/api/demo/payments/${payment.id}`]),
    await load(`POST /api/demo/payments/:id/refunds`, [
      '-m',
      'POST',
      '-H',
      'content-type=application/json',
      '-b',
      JSON.stringify({ amount: 1 }),
      `${base}/api/demo/payments/${payment.id}/refunds`,
    ]),
  ];

  const report: FunctionReport = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: `${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()}`,
    stripe: 'in-process emulator',
    duration_s: duration,
    connections,
    startup: { listening_ms: round(listeningMs), first_answer_ms: round(firstAnswerMs) },
    endpoints: results,
  };
  printTable(report.startup, results);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (output) await writeFile(output, json);
  else process.stdout.write(json);
} finally {
  server.kill('SIGTERM');
}

function portOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the demo server exited (${code}) before listening`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { port: number }).port),
    );
  });
}

/** One autocannon run in its own process, so the load generator doesn't share the server's CPU time slices. */
async function load(endpoint: string, args: string[]): Promise<LoadResult> {
  const child = spawn(
    process.execPath,
    [
      `${root}node_modules/autocannon/autocannon.js`,
      '--json',
      '-c',
      String(connections),
      '-d',
      String(duration),
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  await new Promise((resolve) => child.once('exit', resolve));
  const result = JSON.parse(text) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    endpoint,
    requests_per_second: round(result.requests.average),
    latency_p50_ms: result.latency.p50,
    latency_p99_ms: result.latency.p99,
    requests: result.requests.total,
    non_2xx: result.non2xx,
    errors: result.errors,
  };
}

function printTable(startup: { listening_ms: number; first_answer_ms: number }, results: LoadResult[]): void {
  const rows = results.map((r) => ({
    endpoint: r.endpoint,
    'req/s': r.requests_per_second,
    'p50 ms': r.latency_p50_ms,
    'p99 ms': r.latency_p99_ms,
    requests: r.requests,
    'non-2xx': r.non_2xx,
    errors: r.errors,
  }));
  const title = `process start → listening: ${startup.listening_ms} ms; → first answer (payment created): ${startup.first_answer_ms} ms; ${connections} connections, ${duration} s per endpoint`;
  console.error(table(rows, title));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
