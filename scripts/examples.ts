/**
 * `npm run examples`: runs every curl and Node sample in the articles and FAQ answers against the Stripe
 * emulator (or, with `-- --stripe` and STRIPE_SECRET_KEY=sk_test_…, against Stripe's test mode), each on fresh
 * objects, and checks the JSON excerpt shown with it. Blocks marked `example="skip: …"` are counted and listed.
 * Ends with one line: `examples: <run> run, <passed> passed, <skipped> not runnable offline`; any failure makes
 * the exit code 1. Other arguments filter files by path (`npm run examples -- refunds/partial`); `--jobs=N` runs N
 * samples at a time (3 by default).
 */
import { execFileSync } from 'node:child_process';
import { glob, readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import Stripe from 'stripe';
import { startEmulator, type Emulator } from '../src/emulator/index.ts';
import { checkSample, type Target, type Verdict } from '../src/examples/check-sample.ts';
import { extractFences, type Fence } from '../src/examples/extract.ts';
import { planFile, type Plan } from '../src/examples/plan.ts';
import { ConfigError, loadConfig } from '../src/server/config.ts';
import { parseCommandLine } from './lib/args.ts';

const USAGE = `npm run examples -- [--stripe] [--jobs=N] [path filter …]

Runs every curl and Node sample in content/ against the Stripe emulator and checks the response excerpts.
  --stripe       against Stripe's test mode instead, with STRIPE_SECRET_KEY=sk_test_… (live keys are refused)
  --jobs=N       samples run at a time (default 3)
  path filter    only files whose path contains it, like refunds/partial`;

const { values, positionals: filters } = parseCommandLine(
  USAGE,
  { stripe: { type: 'boolean', default: false }, jobs: { type: 'string', default: '3' } },
  { positionals: true },
);
const againstStripe = values.stripe;
// Each sample is a process of its own, mostly waiting on the API: a few at a time keep the run short.
const jobs = Number(values.jobs);
if (!Number.isInteger(jobs) || jobs < 1) fail('--jobs=N needs a whole number of at least 1.');
const apiVersion = Stripe.API_VERSION;

const files = (await Array.fromAsync(glob(['content/articles/**/*.mdx', 'content/faq/**/*.md'])))
  .sort()
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)));

const plans: Plan[] = [];
for (const file of files) plans.push(planFile(extractFences(file, await readFile(file, 'utf8'))));

let emulator: Emulator | undefined;
let target: Target;
const realCurl = execFileSync('sh', ['-c', 'command -v curl']).toString().trim();
if (againstStripe) {
  // The same rule as the demo's: a test key or nothing, and a live key refused before any request is made.
  const apiKey = stripeTestKey();
  if (!apiKey) fail('--stripe needs STRIPE_SECRET_KEY=sk_test_… (a test-mode secret key).');
  target = { stripe: new Stripe(apiKey, { apiVersion }), emulator: false, apiKey, apiVersion, realCurl };
} else {
  // A pending test refund stays pending while its sample looks; a failing one fails before its sample starts, and
  // a payout is paid (or fails) before its sample starts.
  emulator = await startEmulator({ refundDelayMs: 60_000, refundFailDelayMs: 300, payoutDelayMs: 300 });
  const apiKey = `sk_test_${'examples'.padEnd(24, '0')}`;
  const stripe = new Stripe(apiKey, { apiVersion, host: '127.0.0.1', port: emulator.port, protocol: 'http' });
  target = { stripe, emulator: true, apiKey, apiVersion, emulatorUrl: emulator.url, realCurl };
}

let run = 0;
let passed = 0;
const skipped: string[] = [];
const failures: string[] = [];
const where = (fence: Fence) =>
  `${relative('.', fence.file)} block ${fence.index} (${fence.lang || 'no language'}, line ${fence.line})`;

const samples = plans.flatMap((plan) => plan.samples);
let verdicts: Verdict[];
try {
  verdicts = await inPool(samples, jobs, async (sample) => {
    const verdict = await checkSample(sample, target);
    process.stderr.write(verdict.kind === 'passed' ? '.' : verdict.kind === 'skipped' ? 's' : 'F');
    return verdict;
  });
} finally {
  await emulator?.close();
}

for (const plan of plans) {
  for (const { fence, reason } of plan.skipped) skipped.push(`${where(fence)}: ${reason}`);
  for (const { fence, problem } of plan.problems) {
    run++;
    failures.push(`${where(fence)}: ${problem}`);
  }
}
samples.forEach((sample, i) => {
  const verdict = verdicts[i] as Verdict;
  if (verdict.kind === 'skipped') return void skipped.push(`${where(sample.fence)}: ${verdict.why}`);
  run++;
  if (verdict.kind === 'passed') passed++;
  else failures.push(`${where(sample.fence)}:\n    ${verdict.why.join('\n    ')}`);
});

process.stderr.write('\n');
if (skipped.length > 0)
  console.log(`Not runnable ${againstStripe ? 'against Stripe' : 'offline'}:\n  ${skipped.join('\n  ')}\n`);
if (failures.length > 0) console.log(`Failed:\n✖ ${failures.join('\n✖ ')}\n`);
console.log(`examples: ${run} run, ${passed} passed, ${skipped.length} not runnable offline`);
process.exitCode = failures.length > 0 ? 1 : 0;

/** Runs `work` on every item, `size` at a time; results keep the items' order. */
async function inPool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

function stripeTestKey(): string | undefined {
  try {
    return loadConfig({ STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY }).stripeSecretKey;
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
