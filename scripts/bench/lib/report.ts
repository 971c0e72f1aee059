/**
 * What every benchmark shares: `bench/results.json` (each benchmark replaces its own section and leaves the
 * others as they were), plain-text tables, units, and the command-line flags.
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
export const RESULTS_FILE = process.env.BENCH_RESULTS ? path.resolve(process.env.BENCH_RESULTS) : path.join(BENCH_DIR, 'results.json');

export type Section = 'function' | 'search' | 'weight' | 'lighthouse' | 'scale' | 'realBuild';

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

export type Cell = string | number | undefined | null;

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function table(rows: Record<string, Cell>[], title?: string): string {
  if (rows.length === 0) return title ? `${title}\n(no rows)\n` : '(no rows)\n';
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cells = [headers, ...rows.map((r) => headers.map((h) => (r[h] === undefined || r[h] === null ? '–' : String(r[h]))))];
  const widths = headers.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)));
  // Figures are right-aligned; a column with any text in it reads better left-aligned.
  const numeric = headers.map((_, c) => c > 0 && cells.slice(1).every((row) => /^[-+–]?[\d.,]*\s?(B|KB|MB|ms|s|×|%)?$/.test(row[c]!) || row[c] === 'OVER' || row[c] === 'ok' || row[c] === 'info'));
  const line = (row: string[]) => row.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return `${title ? `\n${title}\n` : ''}${line(cells[0]!)}\n${rule}\n${cells.slice(1).map(line).join('\n')}\n`;
}

export const kb = (bytes: number | undefined) => (bytes === undefined ? undefined : (bytes / 1024).toFixed(1));
export const mb = (bytes: number | undefined) => (bytes === undefined ? undefined : (bytes / 2 ** 20).toFixed(1));
export const secs = (ms: number | undefined) => (ms === undefined ? undefined : (ms / 1000).toFixed(1));
export const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || !b ? undefined : `${(a / b).toFixed(2)}×`);
export const round1 = (n: number) => Math.round(n * 10) / 10;

/** `--name value` or `--name=value`. */
export function flag(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  if (at >= 0) return args[at + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

export function hasFlag(args: readonly string[], name: string): boolean {
  return args.includes(`--${name}`);
}

/** `--sizes 1000,10000` (default both; `--quick` means 1000 only). */
export function sizesFrom(args: readonly string[]): number[] {
  const given = flag(args, 'sizes');
  if (given) {
    const sizes = given.split(',').map((s) => Number(s.trim()));
    if (sizes.some((n) => !Number.isInteger(n) || n < 8)) throw new Error(`--sizes wants whole numbers of at least 8, like 1000,10000 (got "${given}")`);
    return sizes;
  }
  return hasFlag(args, 'quick') ? [1000] : [1000, 10000];
}

export function log(message: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}
