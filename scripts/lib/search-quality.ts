/**
 * Runs reader queries through the site's real search page in Chromium and reports how many put a right article
 * among the first three results. Only article results count: a FAQ answer near the top helps a reader too, but
 * the query set names articles, and counting FAQ hits would flatter the figure.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export interface Query {
  q: string;
  /** Entry ids (`<category>/<slug>`) of the articles that answer it. */
  expect: string[];
}

export interface QueryOutcome extends Query {
  top: string[];
  found: boolean;
}

export function loadQueries(file = new URL('../../tests/search/queries.json', import.meta.url)): Query[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { queries: Query[] }).queries;
}

export async function runQuery(page: Page, baseUrl: string, query: Query): Promise<QueryOutcome> {
  await page.goto(`${baseUrl}/search/?q=${encodeURIComponent(query.q)}`);
  await page.waitForFunction(() =>
    /results? for|No results/.test(document.querySelector('.search-status')?.textContent ?? ''),
  );
  const hrefs = await page
    .locator('ol.results > li h2 a')
    .evaluateAll((links) => links.slice(0, 3).map((a) => a.getAttribute('href') ?? ''));
  const top = hrefs.map((h) => h.replace(/^\/|\/$/g, ''));
  return { ...query, top, found: top.some((t) => query.expect.includes(t)) };
}

export async function measureSearchQuality(
  page: Page,
  baseUrl: string,
  queries: Query[],
): Promise<{ outcomes: QueryOutcome[]; found: number; share: number }> {
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) outcomes.push(await runQuery(page, baseUrl, query));
  const found = outcomes.filter((o) => o.found).length;
  return { outcomes, found, share: found / outcomes.length };
}
