/**
 * Plain Pagefind beside the help center's search, for bench:search: `pagefind --site <the built client folder>` with
 * its default settings, written to its own folder (bench/tmp/plain-pagefind-<name>/pagefind), and queried through
 * its JS API in the same Chromium with the same queries: a fresh browser context per query, the search, then the
 * data of as many results as the help center's results page first shows. The bytes are counted as measureSearch
 * counts ours: every response under /pagefind/, as it crossed the wire (gzip level 6, like the search bench's server).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { serveStatic } from '../../lib/static-server.ts';
import { BENCH_QUERIES, summarize, type QueryCost } from '../../lib/search-cost.ts';
import { folderSize, runMeasured } from './measure-process.ts';
import { ROOT, TMP_DIR } from './report.ts';

/** The results the help center's page shows first (PAGE_SIZE in src/client/search/search-page.ts). */
export const RESULTS_SHOWN = 5;

export interface PlainPagefind {
  /** `pagefind --site` wall time. */
  indexMs: number;
  indexBytes: number;
  indexFiles: number;
  summaryGzip: ReturnType<typeof summarize>;
  costs: QueryCost[];
}

/** A page that only loads Pagefind and exposes one search, as a site using its JS API would. */
const RUNNER = `<!doctype html><meta charset="utf-8"><title>plain Pagefind</title>
<script type="module">
  window.plainSearch = async (query, shown) => {
    const pagefind = await import('/pagefind/pagefind.js');
    const started = performance.now();
    const search = await pagefind.search(query);
    const data = await Promise.all(search.results.slice(0, shown).map((r) => r.data()));
    return { ms: performance.now() - started, results: search.results.length, titles: data.map((d) => d.meta.title) };
  };
</script>`;

export async function plainPagefind(browser: Browser, client: string, name: string): Promise<PlainPagefind> {
  const folder = path.join(TMP_DIR, `plain-pagefind-${name.replace(/\W+/g, '-')}`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const run = await runMeasured(
    path.join(ROOT, 'node_modules', '.bin', 'pagefind'),
    ['--site', client, '--output-path', path.join(folder, 'pagefind')],
    { cwd: ROOT, env: {}, logFile: path.join(TMP_DIR, 'logs', `plain-pagefind-${path.basename(folder)}.log`) },
  );
  if (run.exitCode !== 0) throw new Error(`pagefind --site ${client} failed; see ${run.logFile}`);
  writeFileSync(path.join(folder, 'index.html'), RUNNER);
  const size = folderSize(path.join(folder, 'pagefind'));
  const site = await serveStatic(folder, { gzip: true });
  const costs: QueryCost[] = [];
  try {
    for (const query of BENCH_QUERIES) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const sizes: Promise<number>[] = [];
      page.on('requestfinished', (request) => {
        if (!new URL(request.url()).pathname.startsWith('/pagefind/')) return;
        sizes.push(
          request.sizes().then(
            (s) => s.responseBodySize + s.responseHeadersSize,
            () => 0,
          ),
        );
      });
      await page.goto(`${site.url}/`);
      await page.waitForFunction(() => 'plainSearch' in window);
      const started = Date.now();
      const cold = await page.evaluate(
        ([q, shown]) => (window as unknown as { plainSearch: PlainRun }).plainSearch(q as string, shown as number),
        [query, RESULTS_SHOWN] as const,
      );
      const coldMs = Date.now() - started;
      await page.waitForLoadState('networkidle');
      const coldBytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
      const warm = await page.evaluate(
        ([q, shown]) => (window as unknown as { plainSearch: PlainRun }).plainSearch(q as string, shown as number),
        [query, RESULTS_SHOWN] as const,
      );
      costs.push({ query, coldBytes, coldMs: Math.max(coldMs, cold.ms), warmMs: warm.ms });
      await context.close();
    }
  } finally {
    await site.close();
  }
  return {
    indexMs: Math.round(run.wallMs),
    indexBytes: size.bytes,
    indexFiles: size.files,
    summaryGzip: summarize(costs),
    costs,
  };
}

type PlainRun = (query: string, shown: number) => Promise<{ ms: number; results: number; titles: string[] }>;

export interface WordDistribution {
  pages: number;
  /** Words in all pages' prose (code blocks and frontmatter left out), and how many of them are distinct. */
  words: number;
  vocabulary: number;
  /** Words per page. */
  perPage: { min: number; p50: number; max: number };
  /** The share of all words taken by the commonest 10 and 100 words, and the commonest 10 themselves. */
  top10Share: number;
  top100Share: number;
  top10: [word: string, count: number][];
  /** Pages containing "refund", the one-word query: its posting list is what a cold query downloads. */
  refundPages: number;
}

/** The word distribution of a generated library's articles, so a bytes-per-query figure can be judged. */
export function wordDistribution(contentDir: string): WordDistribution {
  const counts = new Map<string, number>();
  const perPage: number[] = [];
  let refundPages = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const file = path.join(dir, entry);
      if (statSync(file).isDirectory()) visit(file);
      else if (/\.mdx?$/.test(entry)) {
        const prose = readFileSync(file, 'utf8')
          .replace(/^---[\s\S]*?\n---\n/, '')
          .replace(/```[\s\S]*?```/g, '');
        const words = prose.toLowerCase().match(/[a-z0-9_]+/g) ?? [];
        perPage.push(words.length);
        if (words.some((w) => w.startsWith('refund'))) refundPages++;
        for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
  };
  visit(path.join(contentDir, 'articles'));
  const total = perPage.reduce((a, b) => a + b, 0);
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const share = (n: number) => Math.round((sorted.slice(0, n).reduce((a, [, c]) => a + c, 0) / total) * 1000) / 1000;
  perPage.sort((a, b) => a - b);
  return {
    pages: perPage.length,
    words: total,
    vocabulary: counts.size,
    perPage: { min: perPage[0] ?? 0, p50: perPage[Math.floor(perPage.length / 2)] ?? 0, max: perPage.at(-1) ?? 0 },
    top10Share: share(10),
    top100Share: share(100),
    top10: sorted.slice(0, 10),
    refundPages,
  };
}
