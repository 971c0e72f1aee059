/**
 * What every benchmark shares: `bench/results.json` (each benchmark replaces its own section and leaves the
 * others as they were), units and the progress log. Tables are printed by scripts/lib/table.ts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The project root: every path a benchmark writes is under it. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BENCH_DIR = path.join(ROOT, 'bench');
/** Generated content, builds and logs: gitignored, safe to delete. */
export const TMP_DIR = path.join(BENCH_DIR, 'tmp');
/** Where the figures go: bench/results.json, or BENCH_RESULTS (a trial run that should not replace them). */
export const RESULTS_FILE = process.env.BENCH_RESULTS
  ? path.resolve(process.env.BENCH_RESULTS)
  : path.join(BENCH_DIR, 'results.json');

export type Section =
  | 'function'
  | 'load'
  | 'search'
  | 'weight'
  | 'lighthouse'
  | 'lighthouseHeaders'
  | 'cssDelivery'
  | 'coopCost'
  | 'scale'
  | 'realBuild';

export function machine() {
  return {
    node: process.version,
    cpu: `${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()}`,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    loadavg1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}

export function readResults(): Record<string, unknown> {
  if (!existsSync(RESULTS_FILE)) return {};
  try {
    return JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Replaces one section of bench/results.json (with the date and machine it was measured on). */
export function saveSection(section: Section, data: unknown): void {
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  const results = readResults();
  results[section] = { measuredAt: new Date().toISOString(), machine: machine(), ...(data as object) };
  results.updatedAt = new Date().toISOString();
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
}

export const kb = (bytes: number | undefined) => (bytes === undefined ? undefined : (bytes / 1024).toFixed(1));
export const mb = (bytes: number | undefined) => (bytes === undefined ? undefined : (bytes / 2 ** 20).toFixed(1));
export const secs = (ms: number | undefined) => (ms === undefined ? undefined : (ms / 1000).toFixed(1));
export const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || !b ? undefined : `${(a / b).toFixed(2)}×`;
export const round1 = (n: number) => Math.round(n * 10) / 10;

export function log(message: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}
