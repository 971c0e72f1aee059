/**
 * Runs reader queries through the site's real search page in Chromium and grades the ranking. Two sets: `tuning`
 * (tests/search/tuning.json), which keywords, pins and synonyms may be written for, and `held-out`
 * (tests/search/held-out.json), which they may not (src/content/held-out.test.ts checks it), so only the held-out
 * figures say how the search does on what readers really type. Only article results count: a FAQ answer near the
 * top helps a reader too, but the sets name articles, and counting FAQ hits would flatter the figures.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export const querySets = ['tuning', 'held-out'] as const;
export type QuerySetName = (typeof querySets)[number];

export interface Query {
  q: string;
  /** Entry ids (`<category>/<slug>`) of the articles that answer it. */
  expect: string[];
  /** How the query is written (held-out set): `short`, `question`, `pasted` (an error or ticket line), `typo`. */
  kind?: string;
}

export interface QueryOutcome extends Query {
  /** The first five article results, as entry ids. */
  top: string[];
  /** 1-based position of the first right article among the article results, if it is in the first five. */
  rank: number | undefined;
  /** Whether any expected article exists in the content yet (the held-out set names articles still being written). */
  answerable: boolean;
}

export interface Figures {
  queries: number;
  /** Share of queries whose first article result is a right one. */
  at1: number;
  /** Share with a right article among the first three article results. */
  at3: number;
  /** Mean reciprocal rank of the first right article, counting only the first five (else 0). */
  mrr5: number;
}

const root = new URL('../../', import.meta.url);

export function loadQueries(set: QuerySetName = 'tuning'): Query[] {
  return (JSON.parse(readFileSync(new URL(`tests/search/${set}.json`, root), 'utf8')) as { queries: Query[] }).queries;
}

/** Whether an article exists in the project's content (`content/articles/<id>.mdx`). */
export function articleExists(id: string): boolean {
  return existsSync(new URL(`content/articles/${id}.mdx`, root));
}

/** Ranking options handed to Pagefind for this page instead of the built-in ones (see `loadPagefind`). */
export type RankingOptions = Partial<
  Record<'termFrequency' | 'termSimilarity' | 'pageLength' | 'termSaturation', number>
>;

/** Makes every page opened from `page` search with these Pagefind ranking options: a hook only this script sets. */
export async function useRanking(page: Page, ranking: RankingOptions): Promise<void> {
  await page.addInitScript((r) => {
    (window as unknown as { __searchQualityRanking?: unknown }).__searchQualityRanking = r;
  }, ranking);
}

export async function runQuery(page: Page, baseUrl: string, query: Query): Promise<QueryOutcome> {
  await page.goto(`${baseUrl}/search/?q=${encodeURIComponent(query.q)}`);
  await page.waitForFunction(() =>
    /results? for|No results/.test(document.querySelector('.search-status')?.textContent ?? ''),
  );
  const hrefs = await page
    .locator('ol.results > li h2 a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const top = hrefs
    .map((h) => h.replace(/^\/|\/$/g, ''))
    .filter((id) => !id.startsWith('faq'))
    .slice(0, 5);
  const index = top.findIndex((t) => query.expect.includes(t));
  return { ...query, top, rank: index < 0 ? undefined : index + 1, answerable: query.expect.some(articleExists) };
}

export function figures(outcomes: readonly QueryOutcome[]): Figures {
  const n = outcomes.length || 1;
  const within = (k: number) => outcomes.filter((o) => o.rank !== undefined && o.rank <= k).length / n;
  return {
    queries: outcomes.length,
    at1: within(1),
    at3: within(3),
    mrr5: outcomes.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0) / n,
  };
}

/** Runs the queries on one page, or spread over several pages at once; outcomes keep the queries' order. */
export async function measureSearchQuality(
  pages: Page | Page[],
  baseUrl: string,
  queries: Query[],
): Promise<{ outcomes: QueryOutcome[]; figures: Figures; found: number; share: number }> {
  const workers = Array.isArray(pages) ? pages : [pages];
  const outcomes: QueryOutcome[] = new Array(queries.length);
  let next = 0;
  await Promise.all(
    workers.map(async (page) => {
      while (next < queries.length) {
        const i = next++;
        outcomes[i] = await runQuery(page, baseUrl, queries[i]!);
      }
    }),
  );
  const result = figures(outcomes);
  return { outcomes, figures: result, found: Math.round(result.at3 * outcomes.length), share: result.at3 };
}
