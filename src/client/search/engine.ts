/**
 * The one place that talks to Pagefind. Loads its runtime on first use (it is generated beside the index at
 * build time, so it is imported by URL, never bundled) and turns raw results into `Hit`s the UI can show.
 */
import { categoryInfo, type Category } from '../../lib/categories.ts';

interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  anchor?: { element: string; id: string };
  weighted_locations: { weight: number }[];
}
interface PagefindData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
  sub_results: PagefindSubResult[];
}
interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindData>;
}
interface PagefindSearch {
  results: PagefindResult[];
  unfilteredResultCount: number;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(query: string, o?: { filters?: Record<string, string[]> }): Promise<PagefindSearch | null>;
}

export type HitKind = 'article' | 'faq';

export interface Hit {
  kind: HitKind;
  url: string;
  title: string;
  category: Category | undefined;
  categoryLabel: string;
  /** The short answer (an article's summary), when the result has one. */
  summary: string;
  /** Pagefind's excerpt: escaped text with `<mark>` around matched words. */
  excerpt: string;
  /** The section that matched best, when it is not the top of the page. */
  section: { title: string; url: string } | undefined;
  /** The article number agents quote, for articles. */
  number: string | undefined;
}

let pagefind: Promise<Pagefind> | undefined;

export function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (async () => {
    const url = '/pagefind/pagefind.js';
    const pf = (await import(/* @vite-ignore */ url)) as Pagefind;
    await pf.options({ excerptLength: 22 });
    await pf.init();
    return pf;
  })();
  return pagefind;
}

export interface SearchOptions {
  categories?: Category[];
  limit?: number;
}

export async function search(query: string, { categories = [], limit = 10 }: SearchOptions = {}): Promise<{ hits: Hit[]; total: number }> {
  const pf = await loadPagefind();
  const filters = categories.length ? { category: categories } : undefined;
  const found = await pf.search(query, filters ? { filters } : {});
  if (!found) return { hits: [], total: 0 };
  const hits = await Promise.all(found.results.slice(0, limit).map(async (r) => toHit(await r.data())));
  return { hits, total: found.results.length };
}

function toHit(data: PagefindData): Hit {
  const category = data.filters.category?.[0] as Category | undefined;
  const pageUrl = data.meta.url ?? data.url;
  return {
    kind: data.meta.kind === 'faq' ? 'faq' : 'article',
    url: pageUrl,
    title: data.meta.title ?? pageUrl,
    category,
    categoryLabel: category ? categoryInfo[category].label : '',
    summary: data.meta.summary ?? '',
    excerpt: data.excerpt,
    section: data.meta.kind === 'faq' ? undefined : bestSection(data),
    number: data.meta.number,
  };
}

/** The sub-result whose matches weigh the most, if it is a real section (it has an anchor). */
function bestSection(data: PagefindData): Hit['section'] {
  let best: PagefindSubResult | undefined;
  let bestWeight = 0;
  for (const sub of data.sub_results) {
    if (!sub.anchor?.id || !sub.url.includes('#')) continue;
    const weight = sub.weighted_locations.reduce((sum, l) => sum + l.weight, 0);
    if (weight > bestWeight) {
      best = sub;
      bestWeight = weight;
    }
  }
  return best ? { title: best.title, url: best.url } : undefined;
}
