/**
 * `npm run bench:lighthouse [-- --runs 3] [--quick] [--dir <built site>] [--no-build] [--pages …]
 * [--header-variants …]`: Lighthouse (the npm package, its default mobile preset: simulated slow 4G and a 4× slower
 * CPU) on each page type of the real site, served by `npm start`'s server (scripts/start.ts: compression, security
 * headers), in Debian's Chromium started by chrome-launcher. Records the four category scores and LCP, CLS and TBT,
 * from the median of 3 runs by performance score (--runs N; --quick: 1). The pages: home, category, article, article
 * with a widget, FAQ, one FAQ question, and a missing address (served with its real 404 status); apart from them,
 * the search page, with results arriving (`?q=refund`) and with a query that finds nothing (the search issue's).
 * `--pages /search/?q=refund` audits only those. Prints the headers the server sent each page, so a figure can be
 * tied to them. Reports go to bench/tmp/lighthouse/.
 *
 * `--header-variants` audits the same pages served the same way, once as served and once per variant, the runs
 * interleaved so that the machine's noise falls on all alike: each variant's response headers are changed by a proxy
 * in front of the one server (the server and its code are untouched). Variants are separated by commas, the
 * changes within one by spaces: `-Name` drops a header, `+Name=value` adds one, `-security` drops every security
 * header, e.g. `--header-variants="-Cross-Origin-Opener-Policy,-Content-Security-Policy,+Cross-Origin-Resource-Policy=same-origin"`.
 * The first run of each page and variant keeps its trace in bench/tmp/lighthouse/ (to see where the time went).
 *
 * Results: the "lighthouse" section of bench/results.json (with --header-variants, the "lighthouseHeaders" one).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { findChromium } from '../lib/browser-site.ts';
import { PAGE_TYPES } from '../lib/pages.ts';
import { serveSite, clientDir } from '../lib/serve-build.ts';
import { countingProxy } from '../lib/static-server.ts';
import { table } from '../lib/table.ts';
import { securityHeaders } from '../../src/server/security-headers.ts';
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

export interface LighthousePage {
  type: string;
  path: string;
  /** The search issue's pages: audited and printed apart, not part of this benchmark's goal. */
  apart?: boolean;
  /** The page answers with an error status on purpose (the 404 page), so Lighthouse must not give up on it. */
  errorStatus?: boolean;
}

/**
 * The pages audited: one of each type a reader lands on, the 404 page as a mistyped address gets it, and the search
 * page as a reader arriving from a link sees it, with results coming in and with none.
 */
export const LIGHTHOUSE_PAGES: readonly LighthousePage[] = [
  ...PAGE_TYPES.filter((p) => p.type !== 'search'),
  { type: 'FAQ question', path: '/faq/how-do-i-switch-to-test-mode/' },
  { type: '404', path: '/refunds/no-such-article/', errorStatus: true },
  { type: 'search', path: '/search/', apart: true },
  { type: 'search results', path: '/search/?q=refund', apart: true },
  { type: 'search, nothing found', path: '/search/?q=xylophone+quartet', apart: true },
];

/** One way of serving the pages: as served (no changes), or with some headers dropped or added. */
export interface HeaderVariant {
  name: string;
  drop: string[];
  add: Record<string, string>;
  /** The audit starts from a page of another site instead of about:blank (`@other-site`). */
  fromOtherSite?: boolean;
  /**
   * The pages' security headers on every response, scripts and search files too (`@everywhere`), as the `/*` rule
   * of the `_headers` file Netlify and Cloudflare read sends them; `npm start` sends only nosniff on those.
   */
  everywhere?: boolean;
}

export const AS_SERVED: HeaderVariant = { name: 'as served', drop: [], add: {} };

/** Parses `--header-variants` (see the top of this file). */
export function parseHeaderVariants(spec: string): HeaderVariant[] {
  const security = Object.keys(securityHeaders({ scriptHashes: [] }));
  return spec
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((variant) => {
      const drop: string[] = [];
      const add: Record<string, string> = {};
      let fromOtherSite = false;
      let everywhere = false;
      for (const change of variant.split(/\s+/)) {
        if (change === '@other-site') fromOtherSite = true;
        else if (change === '@everywhere') everywhere = true;
        else if (change === '-security') drop.push(...security);
        else if (change.startsWith('-') && change.length > 1) drop.push(change.slice(1));
        else if (/^\+[\w-]+=./.test(change)) {
          const at = change.indexOf('=');
          add[change.slice(1, at)] = change.slice(at + 1);
        } else
          throw new Error(
            `--header-variants: "${change}" is none of -Header-Name, -security, +Header-Name=value, @other-site, @everywhere (variants are separated by commas)`,
          );
      }
      return {
        name: variant,
        drop,
        add,
        ...(fromOtherSite ? { fromOtherSite } : {}),
        ...(everywhere ? { everywhere } : {}),
      };
    });
}

/** The response headers with a variant applied (names compared without case, as HTTP does). */
export function applyVariant(
  headers: Record<string, string | string[] | undefined>,
  variant: HeaderVariant,
  pageHeaders: Record<string, string> = {},
): Record<string, string | string[] | undefined> {
  const dropped = new Set(variant.drop.map((name) => name.toLowerCase()));
  const all = variant.everywhere
    ? { ...Object.fromEntries(Object.entries(pageHeaders).map(([n, v]) => [n.toLowerCase(), v])), ...headers }
    : headers;
  const kept = Object.fromEntries(Object.entries(all).filter(([name]) => !dropped.has(name.toLowerCase())));
  for (const [name, value] of Object.entries(variant.add)) kept[name.toLowerCase()] = value;
  return kept;
}

export interface LighthouseRow {
  type: string;
  path: string;
  /** The search issue's pages, printed apart. */
  apart?: boolean;
  /** With --header-variants: the variant the page was served with ('as served' for none). */
  variant?: string;
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

export type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

export interface TraceEvent {
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
  /**
   * Renderer processes with a main thread that ran tasks: 2 when the navigation moved the page to a new process
   * (Lighthouse starts each audit on about:blank; a `Cross-Origin-Opener-Policy` page can't share its process).
   */
  renderers: number;
  /** The page's main thread CPU time before first paint, unthrottled (a new process spends it starting up). */
  beforePaintMs: number;
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
  const before = tasks.filter((t) => t.ts < fcp).reduce((sum, t) => sum + t.tdur! / 1000, 0);
  return {
    renderers: byThread.size,
    beforePaintMs: Math.round(before),
    tbtMs: Math.round(after.reduce((sum, ms) => sum + Math.max(0, ms * slowdown - 50), 0)),
    mainThreadMs: Math.round(after.reduce((a, b) => a + b, 0)),
    longestMs: after
      .sort((a, b) => b - a)
      .slice(0, 3)
      .map((ms) => Math.round(ms)),
  };
}

export function rowOf(
  { type, path: pagePath, apart }: LighthousePage,
  variant: string | undefined,
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
    ...(apart ? { apart } : {}),
    ...(variant ? { variant } : {}),
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

export interface Audited {
  lhr: Lhr;
  cpu: CpuBlocking;
}

/** A way the pages are reached: straight from the server, or through a proxy that applies a header variant. */
interface Serving {
  variant: HeaderVariant | undefined;
  url: string;
  close(): Promise<void>;
}

export async function lighthouseBench(options: BenchOptions, variants: HeaderVariant[] = []): Promise<LighthouseRow[]> {
  // Three runs by default (the median is kept): one run swings with whatever else the 2 cores are doing.
  const runs = options.runs ?? (options.quick ? 1 : 3);
  const { dir } = await realSite(options);
  const site = await serveSite(dir);
  // The headers npm start sends with pages (read as it reads them), for @everywhere.
  const headersFile = path.join(dir, 'security-headers.json');
  const pageHeaders = existsSync(headersFile)
    ? (JSON.parse(readFileSync(headersFile, 'utf8')) as Record<string, string>)
    : {};
  const servings: Serving[] = variants.length
    ? await Promise.all(
        [AS_SERVED, ...variants].map(async (variant) => {
          const proxy = await countingProxy(site.url, clientDir(dir), (headers) =>
            applyVariant(headers, variant, pageHeaders),
          );
          return { variant, url: proxy.url, close: proxy.close };
        }),
      )
    : [{ variant: undefined, url: site.url, close: async () => {} }];
  const otherSite = variants.some((v) => v.fromOtherSite) ? await blankPageOnOtherSite() : undefined;
  const reports = path.join(TMP_DIR, 'lighthouse');
  mkdirSync(reports, { recursive: true });
  const chrome = await chromeLauncher.launch({
    chromePath: findChromium(),
    chromeFlags: CHROME_FLAGS,
    logLevel: 'silent',
  });
  const pages = options.pages
    ? options.pages.map((p) => LIGHTHOUSE_PAGES.find((page) => page.path === p) ?? { type: 'page', path: p })
    : LIGHTHOUSE_PAGES;
  const audited = new Map<string, Audited[]>();
  const headersOf = new Map<string, Record<string, string>>();
  const key = (page: LighthousePage, serving: Serving) => `${page.path}\n${serving.variant?.name ?? ''}`;
  try {
    log(
      `lighthouse: served by ${site.server === 'like npm start' ? 'scripts/start.ts (npm start)' : 'the static server'}` +
        (variants.length ? `, through a header-changing proxy for each of ${servings.length} variants` : ''),
    );
    for (const page of pages)
      for (const serving of servings) {
        const headers = await sentHeaders(`${serving.url}${page.path}`);
        headersOf.set(key(page, serving), headers);
        if (!serving.variant) log(`lighthouse: ${page.path} headers: ${JSON.stringify(headers)}`);
      }
    // Run by run, each page in each variant: a burst of load on the machine then hits them all alike. Each run
    // starts with another variant, so none is always the one audited right after the heaviest page.
    for (let i = 0; i < runs; i++)
      for (const page of pages)
        for (const serving of [...servings.slice(i % servings.length), ...servings.slice(0, i % servings.length)]) {
          const name = serving.variant ? ` [${serving.variant.name}]` : '';
          log(`lighthouse: ${page.type} ${page.path}${name}${runs > 1 ? ` (run ${i + 1}/${runs})` : ''}`);
          const blankPage = serving.variant?.fromOtherSite ? otherSite!.url : undefined;
          const { lhr, cpu, trace } = await auditPage(`${serving.url}${page.path}`, chrome.port, page, blankPage);
          audited.set(key(page, serving), [...(audited.get(key(page, serving)) ?? []), { lhr, cpu }]);
          const file = `${page.path.replace(/\W+/g, '_') || 'home'}${serving.variant ? `-${serving.variant.name.replace(/\W+/g, '_')}` : ''}-${i + 1}`;
          writeFileSync(path.join(reports, `${file}.json`), JSON.stringify(lhr));
          if (serving.variant && i === 0 && trace)
            writeFileSync(path.join(reports, `${file}.trace.json`), JSON.stringify(trace));
        }
  } finally {
    chrome.kill();
    for (const serving of servings) await serving.close();
    await otherSite?.close();
    await site.close();
  }
  return pages.flatMap((page) =>
    servings.map((serving) =>
      medianRow(page, serving.variant?.name, audited.get(key(page, serving))!, headersOf.get(key(page, serving))!),
    ),
  );
}

/** The row of a page's runs: the median run by performance score. */
export function medianRow(
  page: LighthousePage,
  variant: string | undefined,
  results: Audited[],
  headers: Record<string, string>,
): LighthouseRow {
  const sorted = [...results].sort(
    (a, b) => (a.lhr.categories.performance?.score ?? 0) - (b.lhr.categories.performance?.score ?? 0),
  );
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const cpuTbt = results.map((r) => r.cpu.tbtMs).sort((a, b) => a - b);
  // The CPU-time TBT is the median of its own runs, not the one of the median-scoring run.
  const cpu = { ...median.cpu, tbtMs: cpuTbt[Math.floor(cpuTbt.length / 2)]! };
  return rowOf(page, variant, median.lhr, results.length, headers, cpu);
}

/** One audit's report and the CPU-time view of its trace. */
export async function auditPage(
  url: string,
  port: number,
  page: LighthousePage,
  blankPage?: string,
): Promise<Audited & { trace?: { traceEvents: TraceEvent[] } }> {
  const result = await audit(url, port, page, blankPage);
  const trace = (result.artifacts as { Trace?: { traceEvents: TraceEvent[] } }).Trace;
  const slowdown = result.lhr.configSettings.throttling.cpuSlowdownMultiplier ?? 4;
  return { lhr: result.lhr, cpu: cpuBlocking(trace?.traceEvents ?? [], slowdown), trace };
}

/** One Lighthouse audit; a page that answers 404 on purpose is audited as the page it is. */
async function audit(url: string, port: number, page: LighthousePage, blankPage: string | undefined) {
  const run = () =>
    lighthouse(url, {
      port,
      output: 'json',
      logLevel: 'error',
      ...(page.errorStatus ? { ignoreStatusCode: true } : {}),
      ...(blankPage ? { blankPage } : {}),
    });
  let result = await run();
  // A trace that could not be recorded (NO_NAVSTART, on a machine short of CPU) is Lighthouse's own failure, and
  // its advice is to run again: once.
  if (result?.lhr.runtimeError?.code === 'NO_NAVSTART') {
    log(`lighthouse: ${url}: NO_NAVSTART, running again`);
    result = await run();
  }
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (result.lhr.runtimeError)
    throw new Error(
      `Lighthouse could not audit ${url}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`,
    );
  return result;
}

/**
 * An empty page on another site (`localhost` while the site is on 127.0.0.1): an audit that starts there reaches
 * the page the way a reader following a link from another site does, by a cross-site navigation, instead of from
 * Lighthouse's about:blank.
 */
async function blankPageOnOtherSite(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>elsewhere</title>'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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
  const variants = rows.some((r) => r.variant);
  const line = (r: LighthouseRow) => ({
    page: `${r.type} ${r.path}`,
    ...(variants ? { headers: r.variant } : {}),
    perf: r.scores.performance,
    a11y: r.scores.accessibility,
    'best pr.': r.scores.bestPractices,
    SEO: r.scores.seo,
    'LCP ms': r.lcpMs,
    CLS: r.cls,
    'TBT ms': r.tbtMs,
    'TBT ms (CPU time)': r.cpu?.tbtMs,
    'main thread CPU ms': r.cpu?.mainThreadMs,
    'CPU ms before paint': r.cpu?.beforePaintMs,
    renderers: r.cpu?.renderers,
    'FCP ms': r.fcpMs,
    'SI ms': r.speedIndexMs,
    'weight KB': (r.totalByteWeight / 1024).toFixed(1),
  });
  const failing = rows.flatMap((r) =>
    r.failing.map((f) => ({
      page: `${r.type} ${r.path}`,
      ...(variants ? { headers: r.variant } : {}),
      audit: f.id,
      score: f.score,
      value: f.displayValue ?? '',
    })),
  );
  const runs = (rows[0]?.runs ?? 1) > 1 ? `; median of ${rows[0]!.runs} runs` : '';
  const title = `Lighthouse ${rows[0]?.lighthouseVersion ?? ''} (mobile preset, simulated throttling; Debian Chromium headless; served like npm start${runs})`;
  const apart = rows.filter((r) => r.apart);
  return [
    table(rows.filter((r) => !r.apart).map(line), title),
    apart.length ? table(apart.map(line), "The search issue's pages (apart)") : '',
    failing.length ? table(failing, 'Audits below 0.9') : '\nEvery scored audit is at 0.9 or above.\n',
  ].join('');
}

if (import.meta.main) {
  const options = benchOptions('bench:lighthouse', 'Lighthouse (mobile preset) on each page type of the real site.');
  const variants = options.headerVariants ? parseHeaderVariants(options.headerVariants) : [];
  const rows = await lighthouseBench(options, variants);
  const order = (r: LighthouseRow) => LIGHTHOUSE_PAGES.findIndex((p) => p.path === r.path);
  if (variants.length) {
    // The comparison is one run's figures side by side, so it replaces the whole section.
    saveSection('lighthouseHeaders', {
      preset: 'mobile (default config)',
      chromeFlags: CHROME_FLAGS,
      variants,
      pages: rows,
    });
  } else {
    // A run of some pages (--pages) replaces only their rows.
    const earlier = (readResults().lighthouse as { pages?: LighthouseRow[] } | undefined)?.pages ?? [];
    const kept = earlier.filter((e) => !rows.some((r) => r.path === e.path));
    saveSection('lighthouse', {
      preset: 'mobile (default config)',
      chromeFlags: CHROME_FLAGS,
      pages: [...kept, ...rows].sort((a, b) => order(a) - order(b)),
    });
  }
  console.log(lighthouseTables(rows));
  console.log(`written to bench/results.json (section "${variants.length ? 'lighthouseHeaders' : 'lighthouse'}")`);
}
