/**
 * `npm run bench:lighthouse [-- --runs 3] [--quick] [--dir <built site>] [--no-build]`: Lighthouse (the npm
 * package, its default mobile preset: simulated slow 4G and a 4× slower CPU) on each page type of the real site,
 * served by `npm start`'s server (scripts/start.ts: compression, security headers), in Debian's
 * Chromium started by chrome-launcher. Records the four category scores and LCP, CLS and TBT, from the median of
 * 3 runs by performance score (--runs N; --quick: 1). Besides one page of each type, the search page with results
 * arriving (`?q=refund`) and with a query that finds nothing. `--pages /search/?q=refund` audits only those. Prints
 * the headers the server sent each page, so a figure can be tied to them. Reports go to bench/tmp/lighthouse/.
 * Results: the "lighthouse" section of bench/results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { findChromium } from '../lib/browser-site.ts';
import { PAGE_TYPES } from '../lib/pages.ts';
import { serveSite } from '../lib/serve-build.ts';
import { table } from '../lib/table.ts';
import { benchOptions, type BenchOptions } from './lib/options.ts';
import { TMP_DIR, log, readResults, saveSection } from './lib/report.ts';
import { realSite } from './lib/sites.ts';

export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * The pages audited: one of each type, and the search page as a reader arriving from a link sees it, with results
 * coming in and with none (both used to shift the layout and block the main thread while the search ran).
 */
export const LIGHTHOUSE_PAGES: readonly { type: string; path: string }[] = [
  ...PAGE_TYPES,
  { type: 'search results', path: '/search/?q=refund' },
  { type: 'search, nothing found', path: '/search/?q=xylophone+quartet' },
];

export interface LighthouseRow {
  type: string;
  path: string;
  /** The response headers the server sent the page (as `npm start` sends them). */
  headers: Record<string, string>;
  scores: { performance: number; accessibility: number; bestPractices: number; seo: number };
  lcpMs: number;
  cls: number;
  tbtMs: number;
  fcpMs: number;
  speedIndexMs: number;
  totalByteWeight: number;
  runs: number;
  /**
   * TBT worked out from the main thread's CPU time instead of its wall time (see `cpuBlocking`): on a busy machine
   * Lighthouse's own TBT counts the time the page waited for a core, this one only the work the page did.
   */
  cpu: CpuBlocking;
  lighthouseVersion: string;
  /** Audits that did not pass, with their score, for the performance-relevant and failing ones. */
  failing: { id: string; title: string; score: number | null; displayValue?: string }[];
  warnings: string[];
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface CpuBlocking {
  /** Σ max(0, task CPU time × Lighthouse's CPU slowdown − 50 ms) over the main thread's tasks after first paint. */
  tbtMs: number;
  /** The main thread's CPU time after first paint, unthrottled. */
  mainThreadMs: number;
  /** The longest tasks' CPU time, unthrottled. */
  longestMs: number[];
}

/**
 * Total blocking time from the trace's thread times (`tdur`, the CPU a task really used) rather than wall times.
 * Two cores shared by several jobs stretch every task's wall time many times over, and Lighthouse's TBT with it; the
 * CPU time stays what the page's code costs. Tasks are those of the busiest renderer main thread, from first paint
 * to the end of the trace (Lighthouse stops at Time to Interactive, so this errs high).
 */
export function cpuBlocking(events: TraceEvent[], slowdown: number): CpuBlocking {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events)
    if (e.name === 'RunTask' && e.ph === 'X' && e.tdur !== undefined && mains.has(`${e.pid}:${e.tid}`))
      byThread.set(`${e.pid}:${e.tid}`, [...(byThread.get(`${e.pid}:${e.tid}`) ?? []), e]);
  const total = (tasks: TraceEvent[]) => tasks.reduce((sum, t) => sum + t.tdur!, 0);
  const tasks = [...byThread.values()].sort((a, b) => total(b) - total(a))[0] ?? [];
  const pid = tasks[0]?.pid;
  const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.pid === pid)?.ts ?? 0;
  const after = tasks.filter((t) => t.ts >= fcp).map((t) => t.tdur! / 1000);
  return {
    tbtMs: Math.round(after.reduce((sum, ms) => sum + Math.max(0, ms * slowdown - 50), 0)),
    mainThreadMs: Math.round(after.reduce((a, b) => a + b, 0)),
    longestMs: after
      .sort((a, b) => b - a)
      .slice(0, 3)
      .map((ms) => Math.round(ms)),
  };
}

function rowOf(
  type: string,
  pagePath: string,
  lhr: Lhr,
  runs: number,
  headers: Record<string, string>,
  cpu: CpuBlocking,
): LighthouseRow {
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const num = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  const failing = Object.values(lhr.audits)
    .filter(
      (a) =>
        a.score !== null &&
        a.score < 0.9 &&
        a.scoreDisplayMode !== 'informative' &&
        a.scoreDisplayMode !== 'manual' &&
        a.scoreDisplayMode !== 'notApplicable',
    )
    .map((a) => ({ id: a.id, title: a.title, score: a.score, displayValue: a.displayValue }));
  return {
    type,
    path: pagePath,
    headers,
    scores: {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
    },
    lcpMs: Math.round(num('largest-contentful-paint')),
    cls: Math.round(num('cumulative-layout-shift') * 1000) / 1000,
    tbtMs: Math.round(num('total-blocking-time')),
    fcpMs: Math.round(num('first-contentful-paint')),
    speedIndexMs: Math.round(num('speed-index')),
    totalByteWeight: Math.round(num('total-byte-weight')),
    runs,
    cpu,
    lighthouseVersion: lhr.lighthouseVersion,
    failing,
    warnings: lhr.runWarnings,
  };
}

export async function lighthouseBench(options: BenchOptions): Promise<LighthouseRow[]> {
  // Three runs by default (the median is kept): one run swings with whatever else the 2 cores are doing.
  const runs = options.runs ?? (options.quick ? 1 : 3);
  const { dir } = await realSite(options);
  const site = await serveSite(dir);
  const reports = path.join(TMP_DIR, 'lighthouse');
  mkdirSync(reports, { recursive: true });
  const chrome = await chromeLauncher.launch({
    chromePath: findChromium(),
    chromeFlags: CHROME_FLAGS,
    logLevel: 'silent',
  });
  const rows: LighthouseRow[] = [];
  try {
    const pages = options.pages
      ? options.pages.map((p) => LIGHTHOUSE_PAGES.find((page) => page.path === p) ?? { type: 'page', path: p })
      : LIGHTHOUSE_PAGES;
    log(
      `lighthouse: served by ${site.server === 'like npm start' ? 'scripts/start.ts (npm start)' : 'the static server'}`,
    );
    for (const { type, path: pagePath } of pages) {
      const headers = await sentHeaders(`${site.url}${pagePath}`);
      log(`lighthouse: ${pagePath} headers: ${JSON.stringify(headers)}`);
      const results: { lhr: Lhr; cpu: CpuBlocking }[] = [];
      for (let i = 0; i < runs; i++) {
        log(`lighthouse: ${type} ${pagePath}${runs > 1 ? ` (run ${i + 1}/${runs})` : ''}`);
        const audit = () =>
          lighthouse(`${site.url}${pagePath}`, { port: chrome.port, output: 'json', logLevel: 'error' });
        let result = await audit();
        // A trace that could not be recorded (NO_NAVSTART, on a machine short of CPU) is Lighthouse's own failure,
        // and its advice is to run again: once.
        if (result?.lhr.runtimeError?.code === 'NO_NAVSTART') {
          log(`lighthouse: ${pagePath}: NO_NAVSTART, running again`);
          result = await audit();
        }
        if (!result) throw new Error(`Lighthouse returned nothing for ${pagePath}`);
        if (result.lhr.runtimeError)
          throw new Error(
            `Lighthouse could not audit ${pagePath}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`,
          );
        const trace = (result.artifacts as { Trace?: { traceEvents: TraceEvent[] } }).Trace;
        const slowdown = result.lhr.configSettings.throttling.cpuSlowdownMultiplier ?? 4;
        results.push({ lhr: result.lhr, cpu: cpuBlocking(trace?.traceEvents ?? [], slowdown) });
        writeFileSync(
          path.join(reports, `${pagePath.replace(/\W+/g, '_') || 'home'}-${i + 1}.json`),
          JSON.stringify(result.lhr),
        );
      }
      results.sort((a, b) => (a.lhr.categories.performance?.score ?? 0) - (b.lhr.categories.performance?.score ?? 0));
      const median = results[Math.floor(results.length / 2)]!;
      const cpuTbt = results.map((r) => r.cpu.tbtMs).sort((a, b) => a - b);
      // The CPU-time TBT is the median of its own runs, not the one of the median-scoring run.
      const cpu = { ...median.cpu, tbtMs: cpuTbt[Math.floor(cpuTbt.length / 2)]! };
      rows.push(rowOf(type, pagePath, median.lhr, runs, headers, cpu));
    }
  } finally {
    chrome.kill();
    await site.close();
  }
  return rows;
}

/** The headers the server sends a page, as a browser asking for compression gets them. */
async function sentHeaders(url: string): Promise<Record<string, string>> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
  await response.arrayBuffer();
  return Object.fromEntries(
    [...response.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)),
  );
}

export function lighthouseTables(rows: LighthouseRow[]): string {
  const main = rows.map((r) => ({
    page: `${r.type} ${r.path}`,
    perf: r.scores.performance,
    a11y: r.scores.accessibility,
    'best pr.': r.scores.bestPractices,
    SEO: r.scores.seo,
    'LCP ms': r.lcpMs,
    CLS: r.cls,
    'TBT ms': r.tbtMs,
    'TBT ms (CPU time)': r.cpu?.tbtMs,
    'main thread CPU ms': r.cpu?.mainThreadMs,
    'FCP ms': r.fcpMs,
    'SI ms': r.speedIndexMs,
    'weight KB': (r.totalByteWeight / 1024).toFixed(1),
  }));
  const failing = rows.flatMap((r) =>
    r.failing.map((f) => ({ page: `${r.type} ${r.path}`, audit: f.id, score: f.score, value: f.displayValue ?? '' })),
  );
  return [
    table(
      main,
      `Lighthouse ${rows[0]?.lighthouseVersion ?? ''} (mobile preset, simulated throttling; Debian Chromium headless; served like npm start${(rows[0]?.runs ?? 1) > 1 ? `; median of ${rows[0]!.runs} runs` : ''})`,
    ),
    failing.length ? table(failing, 'Audits below 0.9') : '\nEvery scored audit is at 0.9 or above.\n',
  ].join('');
}

if (import.meta.main) {
  const rows = await lighthouseBench(
    benchOptions('bench:lighthouse', 'Lighthouse (mobile preset) on each page type of the real site.'),
  );
  // A run of some pages (--pages) replaces only their rows.
  const earlier = (readResults().lighthouse as { pages?: LighthouseRow[] } | undefined)?.pages ?? [];
  const kept = earlier.filter((e) => !rows.some((r) => r.path === e.path));
  saveSection('lighthouse', {
    preset: 'mobile (default config)',
    chromeFlags: CHROME_FLAGS,
    pages: [...kept, ...rows].sort(
      (a, b) =>
        LIGHTHOUSE_PAGES.findIndex((p) => p.path === a.path) - LIGHTHOUSE_PAGES.findIndex((p) => p.path === b.path),
    ),
  });
  console.log(lighthouseTables(rows));
  console.log('written to bench/results.json (section "lighthouse")');
}
