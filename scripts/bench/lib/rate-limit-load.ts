/**
 * Load test of the demo function with its rate limit on: steady traffic from many clients must be served with
 * no errors, and one client's burst must be cut off with 429s while another client is still served.
 *
 *   node scripts/bench/lib/rate-limit-load.ts [--seconds 60] [--rate 100] [--clients 500] [--burst-seconds 5]
 *     [--json results.json]
 *
 * `npm run bench:load` (scripts/bench/load.ts) runs it and files its figures in bench/results.json.
 *
 * Starts scripts/bench/demo-server.ts (the handler on its in-process emulator) in a child process with the
 * demo's default limit (20 actions and 80 reads a minute per client) and the client id taken from the
 * X-Bench-Client header, then loads it with autocannon from this process, on loopback only:
 *
 *   1. steady reads: GET /api/demo/payments/:id at --rate requests/s for --seconds, spread over --clients clients;
 *   2. steady mix: the same with one request in five a POST refund of 1 cent;
 *   3. burst: client A as fast as it can for --burst-seconds while client B reads 5 times a second.
 *
 * Prints a table on stderr and writes the figures as JSON to --json's file. Exits 1 if a steady phase had an
 * error, a 429 or any other non-2xx answer, or if the burst didn't cut A off while serving B.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from '../../lib/args.ts';
import { phaseTable, type LoadPhase, type LoadReport } from './load-report.ts';

/** The part of autocannon's API used here (it ships no types). */
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration?: number;
  overallRate?: number;
  timeout?: number;
  requests: AutocannonRequest[];
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
  duration: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: AutocannonOptions,
) => Promise<AutocannonResult>;

const USAGE = `usage: node scripts/bench/lib/rate-limit-load.ts [options]
The demo function under load with its rate limit on: steady traffic from many clients, then one client's burst.

options:
  --seconds N        each steady phase's length (default 60)
  --rate N           steady requests a second, over all clients (default 100)
  --clients N        clients the steady traffic is spread over (default 500)
  --burst-seconds N  the burst's length (default 5)
  --json <file>      write the figures there`;
const { values: args } = parseCommandLine(USAGE, {
  seconds: { type: 'string', default: '60' },
  rate: { type: 'string', default: '100' },
  clients: { type: 'string', default: '500' },
  'burst-seconds': { type: 'string', default: '5' },
  json: { type: 'string' },
});
const seconds = positive(args.seconds, '--seconds');
const rate = positive(args.rate, '--rate');
const clients = positive(args.clients, '--clients');
const burstSeconds = positive(args['burst-seconds'], '--burst-seconds');

/** The demo's default: actions per client a minute; reads get four times as many. */
const rateLimit = 20;
const postShare = 1 / 5;
const readsPerClientMinute = (rate * 60) / clients;
const actionsPerClientMinute = (rate * postShare * 60) / clients;
if (readsPerClientMinute >= rateLimit * 4 * 0.8 || actionsPerClientMinute >= rateLimit * 0.8) {
  console.error(
    `--rate ${rate} over ${clients} clients is ${readsPerClientMinute.toFixed(1)} reads and ${actionsPerClientMinute.toFixed(1)} ` +
      `refunds a minute per client: too close to the limit (${rateLimit * 4} and ${rateLimit}) for a steady phase. Add clients or lower the rate.`,
  );
  process.exit(2);
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const clientHeader = 'x-bench-client';
const connections = 20;

const server = spawn(process.execPath, ['scripts/bench/demo-server.ts'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, BENCH_RATE_LIMIT: String(rateLimit), BENCH_CLIENT_HEADER: clientHeader, PORT: '0' },
});
// However the run goes, it ends: the phases' time plus a minute for setup and slow answers.
const watchdog = setTimeout(
  () => {
    console.error('load: still running past its time; stopping.');
    server.kill('SIGKILL');
    process.exit(3);
  },
  (2 * seconds + burstSeconds + 60) * 1000,
);
watchdog.unref();

try {
  const port = await portOf(server);
  const base = `http://127.0.0.1:${port}`;
  const payments = await Promise.all(Array.from({ length: 10 }, (_, index) => createPayment(base, `setup-${index}`)));

  let sequence = 0;
  /** The next request's client and payment: round robin over both, so each client sends evenly. */
  const next = () => {
    sequence += 1;
    return { client: `client-${sequence % clients}`, payment: payments[sequence % payments.length]! };
  };
  const read: AutocannonRequest = {
    method: 'GET',
    setupRequest: (request) => {
      const { client, payment } = next();
      return { ...request, method: 'GET', path: `/api/demo/payments/${payment}`, headers: { [clientHeader]: client } };
    },
  };
  const refund: AutocannonRequest = {
    method: 'POST',
    setupRequest: (request) => {
      const { client, payment } = next();
      return {
        ...request,
        method: 'POST',
        path: `/api/demo/payments/${payment}/refunds`,
        headers: { [clientHeader]: client, 'content-type': 'application/json' },
        body: '{"amount":1}',
      };
    },
  };

  console.error(`steady reads: ${rate} req/s for ${seconds} s over ${clients} clients…`);
  const reads = await autocannon({ url: base, connections, duration: seconds, overallRate: rate, requests: [read] });
  console.error(`steady mix (1 in 5 a refund): ${rate} req/s for ${seconds} s…`);
  const mix = await autocannon({
    url: base,
    connections,
    duration: seconds,
    overallRate: rate,
    requests: [read, read, read, read, refund],
  });

  console.error(`burst: client A as fast as it can for ${burstSeconds} s, client B 5 reads a second…`);
  const as = (client: string): AutocannonRequest => ({
    method: 'GET',
    path: `/api/demo/payments/${payments[0]}`,
    headers: { [clientHeader]: client },
  });
  const [burstA, burstB] = await Promise.all([
    autocannon({ url: base, connections: 10, duration: burstSeconds, requests: [as('burst-a')] }),
    autocannon({ url: base, connections: 1, duration: burstSeconds, overallRate: 5, requests: [as('burst-b')] }),
  ]);

  const phases = [
    summary('steady reads', `${clients} clients`, reads),
    summary('steady mix', `${clients} clients`, mix),
    summary('burst', 'A (bursting)', burstA),
    summary('burst', 'B (reading)', burstB),
  ];
  const [steadyReads, steadyMix, a, b] = phases as [LoadPhase, LoadPhase, LoadPhase, LoadPhase];
  const problems = [
    ...[steadyReads, steadyMix].flatMap((phase) =>
      phase.errors + phase.other_non_2xx + phase.rate_limited_429 > 0
        ? [
            `${phase.phase}: ${phase.errors} errors, ${phase.rate_limited_429} 429s, ${phase.other_non_2xx} other non-2xx`,
          ]
        : [],
    ),
    ...(a.rate_limited_429 === 0 ? ['burst: client A was never limited'] : []),
    ...(a.ok_2xx > rateLimit * 4
      ? [`burst: client A got ${a.ok_2xx} reads through, over the ${rateLimit * 4} a minute allowed`]
      : []),
    ...(b.ok_2xx !== b.requests || b.errors > 0
      ? [`burst: client B got ${b.requests - b.ok_2xx} refusals and ${b.errors} errors`]
      : []),
  ];
  process.exitCode = problems.length > 0 ? 1 : 0;

  console.error(phaseTable(phases));
  for (const problem of problems) console.error(`✖ ${problem}`);
  if (problems.length === 0)
    console.error('✔ steady load served without errors; the burst was cut off with 429s while client B was served\n');

  if (args.json) {
    const report: LoadReport = {
      date: new Date().toISOString(),
      node: process.version,
      cpu: `${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()}`,
      stripe: 'in-process emulator',
      rate_limit_per_client_minute: { actions: rateLimit, reads: rateLimit * 4 },
      steady: {
        seconds,
        rate,
        clients,
        connections,
        reads_per_client_minute: readsPerClientMinute,
        refunds_per_client_minute: actionsPerClientMinute,
      },
      burst: { seconds: burstSeconds },
      phases,
      problems,
    };
    await writeFile(args.json, `${JSON.stringify(report, null, 2)}\n`);
  }
} finally {
  server.kill('SIGTERM');
  clearTimeout(watchdog);
}

async function createPayment(base: string, client: string): Promise<string> {
  const response = await fetch(`${base}/api/demo/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [clientHeader]: client },
    body: JSON.stringify({ amount: 100_000 }),
  });
  if (response.status !== 201)
    throw new Error(`creating a payment answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { payment: { id: string } }).payment.id;
}

function portOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the demo server exited (${code}) before listening`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { port: number }).port),
    );
  });
}

function summary(phase: string, client: string, result: AutocannonResult): LoadPhase {
  const count = (test: (status: number) => boolean) =>
    Object.entries(result.statusCodeStats ?? {})
      .filter(([status]) => test(Number(status)))
      .reduce((total, [, { count }]) => total + Number(count), 0);
  return {
    phase,
    client,
    requests: result.requests.total,
    requests_per_second: round(result.requests.average),
    ok_2xx: count((status) => status >= 200 && status < 300),
    rate_limited_429: count((status) => status === 429),
    other_non_2xx: count((status) => (status < 200 || status >= 300) && status !== 429),
    errors: result.errors,
    latency_p50_ms: result.latency.p50,
    latency_p99_ms: result.latency.p99,
    latency_max_ms: result.latency.max,
  };
}

function positive(raw: string | undefined, name: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`${name} must be a positive number, not "${raw}"`);
    process.exit(2);
  }
  return value;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
