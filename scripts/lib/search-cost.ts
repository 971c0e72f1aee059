/**
 * Search cost as a reader pays it: for each query, in a fresh browser context (cold cache), every byte of the
 * search client, Pagefind and the search data fetched to show the results on the search page, and the time from
 * submitting the query to the results; then the same query again in the warm page.
 * Shared by the size budgets (npm test) and the search benchmark (scripts/bench/search.ts).
 * Usage: node scripts/lib/search-cost.ts [baseUrl] [--json file] (without a base URL it starts the built site).
 */
import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { parseCommandLine } from './args.ts';
import { launchBrowser, startSite } from './browser-site.ts';
import { percentile } from './stats.ts';
import { table } from './table.ts';

export const BENCH_QUERIES = [
  'refund',
  'partial refund',
  'cancel a refund',
  'how long does a refund take',
  'stripe fee',
  'dispute',
  'api keys',
  'test mode',
  'default source',
  'charge_already_refunded',
  'money back for a charge',
  'refnud',
];

export interface QueryCost {
  query: string;
  coldBytes: number;
  coldMs: number;
  warmMs: number;
}

/** The search client, the Pagefind runtime and index, and the search data: what a search costs a reader. */
export const SEARCH_FILES = /^\/(_help\/|pagefind\/|search-pins\/|search-[a-z]+\.json)/;

export async function measureSearch(browser: Browser, baseUrl: string, queries = BENCH_QUERIES): Promise<QueryCost[]> {
  const costs: QueryCost[] = [];
  for (const query of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sizes: Promise<number>[] = [];
    // Playwright reports the requests of the page and of its workers (Pagefind searches in a worker); the sizes
    // are what crossed the wire, compressed where the server compressed.
    page.on('requestfinished', (request) => {
      if (!SEARCH_FILES.test(new URL(request.url()).pathname)) return;
      sizes.push(
        request.sizes().then(
          (s) => s.responseBodySize + s.responseHeadersSize,
          () => 0,
        ),
      );
    });
    await page.goto(`${baseUrl}/search/`);
    const coldMs = await timeToResults(page, query);
    await page.waitForLoadState('networkidle');
    const coldBytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    const warmMs = await timeToResults(page, query);
    costs.push({ query, coldBytes, coldMs, warmMs });
    await context.close();
  }
  return costs;
}

async function timeToResults(page: import('playwright-core').Page, query: string): Promise<number> {
  await page.waitForFunction(() => document.querySelector('.search-status')?.textContent);
  return page.evaluate(async (q) => {
    const input = document.querySelector<HTMLInputElement>('#search-page-input')!;
    const status = document.querySelector('.search-status')!;
    input.value = '';
    input.form!.requestSubmit();
    const started = performance.now();
    input.value = q;
    // Submitting skips the typing debounce, so the time is the search's own.
    input.form!.requestSubmit();
    await new Promise<void>((resolve) => {
      const done = () => /results? for|No results/.test(status.textContent ?? '') && status.textContent!.includes(q);
      if (done()) return resolve();
      new MutationObserver((_, observer) => {
        if (done()) {
          observer.disconnect();
          resolve();
        }
      }).observe(status, { childList: true, characterData: true, subtree: true });
    });
    return performance.now() - started;
  }, query);
}

export function summarize(costs: QueryCost[]) {
  const kb = (n: number) => Math.round(n / 102.4) / 10;
  /** The median and the 95th percentile of one figure over all queries, rounded by `round`. */
  const spread = (figure: (cost: QueryCost) => number, round: (n: number) => number) => {
    const values = costs.map(figure);
    return { p50: round(percentile(values, 50)), p95: round(percentile(values, 95)) };
  };
  return {
    coldKB: spread((c) => c.coldBytes, kb),
    coldMs: spread((c) => c.coldMs, Math.round),
    warmMs: spread((c) => c.warmMs, Math.round),
  };
}

if (import.meta.main) {
  const { values, positionals } = parseCommandLine(
    'usage: node scripts/lib/search-cost.ts [baseUrl] [--json <file>]\nSearch cost per query in Chromium; without a base URL it serves the built site.',
    { json: { type: 'string' } },
    { positionals: true },
  );
  const base = positionals[0];
  const site = base ? undefined : await startSite();
  const browser = await launchBrowser();
  try {
    const costs = await measureSearch(browser, base ?? site!.url);
    console.log(
      table(
        costs.map((c) => ({
          query: c.query,
          'cold KB': (c.coldBytes / 1024).toFixed(1),
          'cold ms': c.coldMs.toFixed(0),
          'warm ms': c.warmMs.toFixed(0),
        })),
      ),
    );
    const summary = summarize(costs);
    console.log(
      `cold bytes p50 ${summary.coldKB.p50} KB, p95 ${summary.coldKB.p95} KB · cold time p50 ${summary.coldMs.p50} ms · warm time p50 ${summary.warmMs.p50} ms, p95 ${summary.warmMs.p95} ms`,
    );
    if (values.json) writeFileSync(values.json, JSON.stringify({ costs, summary }, null, 2));
  } finally {
    await browser.close();
    await site?.close();
  }
}
