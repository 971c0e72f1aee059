/**
 * `npm run bench:search [-- --sizes 1000,10000] [--quick] [--dir <built site>] [--no-build]`: search cost in
 * Chromium (scripts/lib/search-cost.ts `measureSearch`: bytes fetched per cold query, time to first results cold and
 * warm) on the real site and on the generated 1,000 and 10,000-article sites (bench/tmp/site-N; built first if
 * missing — `npm run bench:scale` builds them too).
 *
 * Every site is served from its static client folder by a small node:http server without compression, then again
 * compressing (gzip level 6, as the compression middleware in `npm start` sends it). Also records which files the
 * one-word query `refund` fetches, as the server counted them. Beside each site, in the same run and the same
 * Chromium, plain Pagefind (`pagefind --site` over the same built HTML, default settings, its JS API, the same
 * queries; see lib/plain-pagefind.ts), and for a generated library its word distribution.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../lib/browser-site.ts';
import { BENCH_QUERIES, SEARCH_FILES, measureSearch, summarize, type QueryCost } from '../lib/search-cost.ts';
import { clientDir } from '../lib/serve-build.ts';
import { serveStatic, type StaticSite } from '../lib/static-server.ts';
import { table } from '../lib/table.ts';
import { generateLibrary } from './generate-content.ts';
import { folderSize } from './lib/measure-process.ts';
import {
  RESULTS_SHOWN,
  plainPagefind,
  wordDistribution,
  type PlainPagefind,
  type WordDistribution,
} from './lib/plain-pagefind.ts';
import { benchOptions, type BenchOptions } from './lib/options.ts';
import { TMP_DIR, kb, log, readResults, saveSection } from './lib/report.ts';
import { buildSite, realSite } from './lib/sites.ts';

export interface FetchedFile {
  url: string;
  kind: string;
  bytes: number;
  search: boolean;
}

/** The files measureSearch counts as the cost of a search (kept in step with scripts/lib/search-cost.ts). */

export interface SiteSearch {
  site: string;
  measuredAt: string;
  dir: string;
  pagefindBytes: number;
  pagefindFiles: number;
  /** The search client (`/_help/search.js`), fetched with the /search/ page or on the header's first focus. */
  clientBytes: number;
  summary: ReturnType<typeof summarize>;
  summaryGzip: ReturnType<typeof summarize>;
  /** The one-word query: measureSearch's figure (plain and gzip), and the server's count of the same files. */
  refund: { coldBytes: number; coldBytesGzip: number; serverBytes: number; files: FetchedFile[] };
  costs: QueryCost[];
  /** Per query, served compressed (the figures of summaryGzip). */
  gzipCosts: QueryCost[];
  /** Plain Pagefind over the same HTML, queried the same way (gzip). */
  plain: PlainPagefind;
  /** The generated library's words (none for the real site). */
  words?: WordDistribution;
}

function kindOf(p: string): string {
  if (p.endsWith('/pagefind.js')) return 'pagefind.js (library)';
  if (p.includes('/pagefind/wasm.')) return 'wasm (library)';
  if (p.endsWith('.pf_meta')) return 'pf_meta (index metadata)';
  if (p.endsWith('.pf_index')) return 'pf_index (word index)';
  if (p.endsWith('.pf_filter')) return 'pf_filter (filters)';
  if (p.endsWith('.pf_fragment')) return 'pf_fragment (result data)';
  if (p.endsWith('pagefind-entry.json')) return 'pagefind-entry.json';
  if (p.endsWith('/pagefind-worker.js')) return 'pagefind-worker.js (library)';
  if (p.startsWith('/_help/')) return 'search client';
  if (p.endsWith('/') || p.endsWith('.html')) return 'the page (HTML)';
  return p;
}

/**
 * Which files one cold query costs on the /search/ page, from opening it to results (and the network settling), as
 * the server saw them: body bytes sent, whatever the browser reports for worker requests. `search` marks the files
 * measureSearch counts (the search client, Pagefind's runtime and index, the search data), not the page itself.
 */
export async function searchBreakdown(browser: Browser, site: StaticSite, query: string): Promise<FetchedFile[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const from = site.served.length;
  await page.goto(`${site.url}/search/`, { waitUntil: 'networkidle' });
  await page.locator('#search-page-input').fill(query);
  await page.waitForFunction((q) => {
    const s = document.querySelector('.search-status')?.textContent ?? '';
    return /results? for|No results/.test(s) && s.includes(q);
  }, query);
  await page.waitForLoadState('networkidle');
  await context.close();
  return site.served
    .slice(from)
    .map((s) => ({ url: s.path, kind: kindOf(s.path), bytes: s.bytes, search: SEARCH_FILES.test(s.path) }));
}

export async function measureSite(
  browser: Browser,
  name: string,
  dir: string,
  contentDir?: string,
): Promise<SiteSearch> {
  const client = clientDir(dir);
  const plain = await serveStatic(client);
  let costs: QueryCost[];
  let files: FetchedFile[];
  try {
    log(`search: ${name}: ${BENCH_QUERIES.length} queries`);
    costs = await measureSearch(browser, plain.url);
    files = await searchBreakdown(browser, plain, 'refund');
  } finally {
    await plain.close();
  }
  const zipped = await serveStatic(client, { gzip: true });
  let gzipCosts: QueryCost[];
  try {
    gzipCosts = await measureSearch(browser, zipped.url);
  } finally {
    await zipped.close();
  }
  log(`search: ${name}: plain Pagefind over the same HTML`);
  const plainPf = await plainPagefind(browser, client, name);
  const pf = folderSize(path.join(client, 'pagefind'));
  const clientFile = path.join(client, '_help', 'search.js');
  return {
    site: name,
    measuredAt: new Date().toISOString(),
    dir: path.relative(process.cwd(), dir) || '.',
    pagefindBytes: pf.bytes,
    pagefindFiles: pf.files,
    clientBytes: existsSync(clientFile) ? folderSize(path.join(client, '_help')).bytes : 0,
    summary: summarize(costs),
    summaryGzip: summarize(gzipCosts),
    refund: {
      coldBytes: costs.find((c) => c.query === 'refund')?.coldBytes ?? 0,
      coldBytesGzip: gzipCosts.find((c) => c.query === 'refund')?.coldBytes ?? 0,
      serverBytes: files.filter((f) => f.search).reduce((a, f) => a + f.bytes, 0),
      files,
    },
    costs,
    gzipCosts,
    plain: plainPf,
    words: contentDir ? wordDistribution(contentDir) : undefined,
  };
}

/** bench/tmp/site-N, built (without the baseline) if it is not there. */
export async function ensureScaleSite(size: number): Promise<string> {
  const dir = path.join(TMP_DIR, `site-${size}`);
  if (existsSync(path.join(dir, 'client', 'pagefind', 'pagefind.js'))) return dir;
  log(`search: bench/tmp/site-${size} is missing: generating and building it (npm run bench:scale does this too)`);
  generateLibrary(path.join(TMP_DIR, `content-${size}`), size);
  await buildSite(`./bench/tmp/content-${size}`, dir, `build-${size}-for-search`);
  return dir;
}

export function searchTables(sites: SiteSearch[]): string {
  const versus = sites.map((s) => ({
    site: s.site,
    'ours gzip KB p50': s.summaryGzip.coldKB.p50,
    'plain gzip KB p50': s.plain?.summaryGzip.coldKB.p50,
    'ours gzip KB p95': s.summaryGzip.coldKB.p95,
    'plain gzip KB p95': s.plain?.summaryGzip.coldKB.p95,
    'ours index MB': (s.pagefindBytes / 2 ** 20).toFixed(2),
    'plain index MB': s.plain ? (s.plain.indexBytes / 2 ** 20).toFixed(2) : undefined,
    pages: s.words?.pages,
    'words/page p50': s.words?.perPage.p50,
    vocabulary: s.words?.vocabulary,
    'top 10 words share': s.words?.top10Share,
    'top 100 share': s.words?.top100Share,
    'pages with "refund"': s.words?.refundPages,
  }));
  const rows = sites.map((s) => ({
    site: s.site,
    'index MB': (s.pagefindBytes / 2 ** 20).toFixed(2),
    'index files': s.pagefindFiles,
    'cold KB p50': s.summary.coldKB.p50,
    'cold KB p95': s.summary.coldKB.p95,
    'gzip KB p50': s.summaryGzip.coldKB.p50,
    'gzip KB p95': s.summaryGzip.coldKB.p95,
    'cold ms p50': s.summary.coldMs.p50,
    'cold ms p95': s.summary.coldMs.p95,
    'warm ms p50': s.summary.warmMs.p50,
    'warm ms p95': s.summary.warmMs.p95,
    '"refund" KB': kb(s.refund.coldBytes),
    '"refund" KB server': kb(s.refund.serverBytes),
    'client KB': kb(s.clientBytes),
  }));
  const breakdown = sites.flatMap((s) => {
    const byKind = new Map<string, { n: number; bytes: number }>();
    for (const f of s.refund.files) {
      const k = byKind.get(f.kind) ?? { n: 0, bytes: 0 };
      byKind.set(f.kind, { n: k.n + 1, bytes: k.bytes + f.bytes });
    }
    return [...byKind].map(([kind, v]) => ({
      site: s.site,
      'opening /search/ and searching "refund" (cold, no gzip, as served)': kind,
      files: v.n,
      'body KB': kb(v.bytes),
    }));
  });
  return [
    table(
      rows,
      `Search (${BENCH_QUERIES.length} queries, measureSearch: cold = fresh browser context, KB = search files fetched, ms = typing to first results; "cold KB" served uncompressed, "gzip KB" through a gzip level-6 server (npm start's compression sends brotli to Chromium, a little smaller); "server" = the same files for "refund" as the uncompressed server sent them; client = the search client JS)`,
    ),
    table(breakdown, 'What one cold one-word query fetches'),
    table(
      versus,
      `Bytes per cold query, ours and plain Pagefind (pagefind --site over the same HTML, default settings, its JS API, the data of the first ${RESULTS_SHOWN} results), same queries, same Chromium, gzip level 6; and the generated articles' words`,
    ),
  ].join('');
}

export async function searchBench(
  options: BenchOptions,
  which: { sizes?: number[]; includeReal?: boolean } = {},
): Promise<SiteSearch[]> {
  const sites: [name: string, dir: string, content?: string][] = [];
  if (which.includeReal !== false) sites.push(['real site', (await realSite(options)).dir]);
  for (const size of which.sizes ?? options.sizes)
    sites.push([`generated ${size}`, await ensureScaleSite(size), path.join(TMP_DIR, `content-${size}`)]);
  const browser = await launchBrowser();
  const results: SiteSearch[] = [];
  try {
    for (const [name, dir, content] of sites) results.push(await measureSite(browser, name, dir, content));
  } finally {
    await browser.close();
  }
  return results;
}

/** Merges these sites into the "search" section (a site measured again replaces its earlier figures). */
export function saveSearch(sites: SiteSearch[]): void {
  const earlier = (readResults().search as { sites?: SiteSearch[] } | undefined)?.sites ?? [];
  const merged = [...earlier.filter((e) => !sites.some((s) => s.site === e.site)), ...sites];
  const order = (s: SiteSearch) => (s.site === 'real site' ? 0 : Number(s.site.replace(/\D/g, '')));
  saveSection('search', { queries: BENCH_QUERIES, sites: merged.sort((a, b) => order(a) - order(b)) });
}

if (import.meta.main) {
  const results = await searchBench(
    benchOptions('bench:search', 'Search cost in Chromium on the real site and the generated libraries.'),
  );
  saveSearch(results);
  console.log(searchTables(results));
  console.log('written to bench/results.json (section "search")');
}
