/**
 * The one place that talks to Pagefind, and where a reader's words become results: the query is rewritten
 * (filler dropped, synonyms mapped, unknown words corrected; see query.ts), the whole query is searched, and when
 * few pages have every word the words are searched one by one and merged, so a long question never comes back
 * empty. Pinned articles go first. Pagefind's runtime is generated beside its index at build time, so it is
 * imported by URL on first use, never bundled.
 */
import type { Category } from '../../lib/categories.ts';
import { categoryLabels } from '../../i18n/en.ts';
import {
  closestQuestions,
  correctWord,
  normalize,
  pinBucket,
  planQuery,
  type PinBucket,
  type PinnedArticle,
  type FaqQuestions,
  type SearchData,
  type Vocabulary,
} from './query.ts';

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
  content: string;
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
  /** Shown first because the article pinned itself to this query. */
  pinned?: boolean;
  /** The article's keywords and text, normalised, for re-ranking the loaded results. */
  keywords: string[];
  content: string;
  /** For a FAQ answer: the article that explains more. */
  article?: { url: string; title: string };
}

/**
 * Pagefind's ranking options, each measured on the tuning set (docs/search-quality.md). termSimilarity 0: a page
 * with a longer form of a query word ("refunded", "refunds") scores as well as one with the word itself, so an
 * article isn't passed over for using another form. The other options helped less or not at all.
 */
const RANKING = { termSimilarity: 0 };

/**
 * Pagefind's runtime as the browser gets it. A retry (`attempt` > 0), after a load or a search that failed, imports
 * it under another address: a new module with a fresh state, which a browser that remembered the failed import of
 * the first address still loads. Its index files come from the HTTP cache.
 */
export function loadPagefind(attempt = 0): Promise<Pagefind> {
  return (async () => {
    const url = `/pagefind/pagefind.js${attempt ? `?attempt=${attempt}` : ''}`;
    const pf = (await import(/* @vite-ignore */ url)) as Pagefind;
    // Pagefind's worker: on the page's own thread, unpacking and compiling its WebAssembly and reading the index
    // blocked it for 61 ms of CPU at a time (347 ms of Lighthouse's TBT at its 4× slowdown; 54 ms with the worker).
    // `npm run search:quality -- --ranking` sets this hook to try ranking options without a rebuild.
    const trial = (globalThis as { __searchQualityRanking?: Record<string, number> }).__searchQualityRanking;
    await pf.options({ excerptLength: 22, ranking: trial ?? RANKING });
    await pf.init();
    return pf;
  })();
}

export interface SearchOptions {
  categories?: Category[];
  limit?: number;
  /** Aborted when a newer search replaces this one: it stops at its next step and rejects with the abort reason. */
  signal?: AbortSignal;
}

export interface SearchOutcome {
  hits: Hit[];
  /** How many results there are in all (the hits are the first `limit`). */
  total: number;
  /** What was searched for instead, when a word was unknown and has been corrected ("refnud" → "refund"). */
  correctedQuery: string | undefined;
  /** Synonyms rewritten to the site's terms ("money back" → "refund"). */
  synonyms: [from: string, to: string][];
  /** No page has every word: these results have some of them, the rarer words counting more. */
  relaxed: boolean;
  /** For a search that found nothing: the FAQ questions closest to it. */
  suggestions: FaqQuestions;
}

/** What the engine loads, injected so that tests can run it against a fake Pagefind and fake files. */
export interface SearchDeps {
  /** Pagefind, initialised; `attempt` counts the loads before this one that failed or were discarded. */
  loadPagefind(attempt: number): Promise<Pagefind>;
  /** A JSON file of the site (`/search-data.json`); rejects when it can't be fetched or parsed. */
  fetchJson<T>(url: string): Promise<T>;
}

export type Search = (query: string, options?: SearchOptions) => Promise<SearchOutcome>;

/** The browser's own fetch, for `createSearch`; an error answer is a failure, not a file. */
export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/**
 * A load shared while it runs and kept once it succeeds. A failure is not kept: the search that met it fails, and
 * the next one tries again (a flaky connection must not break search until the page is reloaded).
 */
function once<T>(load: () => Promise<T>): { get(): Promise<T>; forget(value: T): void } {
  let pending: Promise<T> | undefined;
  let settled: T | undefined;
  return {
    get() {
      pending ??= load().then(
        (value) => (settled = value),
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
    // Drops a value found broken (Pagefind after a chunk failed), unless a newer one has replaced it already.
    forget(value) {
      if (settled !== value) return;
      pending = undefined;
      settled = undefined;
    },
  };
}

/** Loaded once per page: Pagefind and the search files, each retried by the next search when it failed. */
interface Loaders {
  pagefind(): Promise<Pagefind>;
  /** Marks this Pagefind as failed: the next search loads a fresh one. */
  discard(pf: Pagefind): void;
  searchData(): Promise<SearchData>;
  vocabulary(): Promise<Vocabulary>;
  /** The FAQ questions, or none when they can't be fetched now (suggestions are a courtesy, not the answer). */
  questions(): Promise<FaqQuestions>;
  /** One pin file; an empty one when it can't be fetched now (pins only reorder results). */
  pins(bucket: number): Promise<PinBucket>;
}

function loaders(deps: SearchDeps): Loaders {
  let attempts = 0;
  const pagefind = once(() => deps.loadPagefind(attempts++));
  const searchData = once(() => deps.fetchJson<SearchData>('/search-data.json'));
  const vocabulary = once(() => deps.fetchJson<Vocabulary>('/search-vocabulary.json'));
  const questions = once(() => deps.fetchJson<FaqQuestions>('/search-questions.json'));
  const pinFiles = new Map<number, ReturnType<typeof once<PinBucket>>>();
  return {
    pagefind: () => pagefind.get(),
    discard: (pf) => pagefind.forget(pf),
    searchData: () => searchData.get(),
    vocabulary: () => vocabulary.get(),
    questions: () => questions.get().catch(() => []),
    pins(bucket) {
      let file = pinFiles.get(bucket);
      if (!file) pinFiles.set(bucket, (file = once(() => deps.fetchJson<PinBucket>(`/search-pins/${bucket}.json`))));
      return file.get().catch(() => ({ articles: [], pins: {} }));
    },
  };
}

/**
 * The search, over the given Pagefind and files (the browser entry passes `loadPagefind` and `fetchJson`). Each
 * call searches anew; what it loads is shared by the calls after it.
 */
export function createSearch(deps: SearchDeps): Search {
  const load = loaders(deps);
  return async (query, options = {}) => {
    try {
      return await search(load, query, options);
    } catch (error) {
      // A replaced search fails with its abort reason, whatever step it was at.
      options.signal?.throwIfAborted();
      throw error;
    }
  };
}

/** The article pinned to one of the query's forms, from the one file each form can be in. */
async function findPinned(load: Loaders, keys: string[], buckets: number): Promise<PinnedArticle | undefined> {
  for (const key of keys) {
    const file = await load.pins(pinBucket(key, buckets));
    const article = file.articles[file.pins[key] ?? -1];
    if (article) return { url: article[0], title: article[1] };
  }
  return undefined;
}

/** Below this many whole-query results, results that match only some of the words are added after them. */
const RELAX_BELOW = 5;

async function search(load: Loaders, query: string, options: SearchOptions): Promise<SearchOutcome> {
  const outcome = await searchOnce(load, query, options);
  if (outcome.correctedQuery || !outcome.hits.length) return outcome;
  // Pagefind matches a misspelt word loosely, so "refnd" finds pages without "refund" in them. A word that none of
  // the results actually contains is treated as a typo and corrected, as an unknown word is.
  const terms = planQuery(query, await load.searchData()).terms;
  // Compared by stem, as Pagefind matches them: "paying" is in a page that says "pay".
  const stem = (t: string) => t.replace(/(ing|ed|es|s)$/, '');
  const absent = terms.filter(
    (t) =>
      stem(t).length >= 3 &&
      !outcome.hits.some((h) => h.content.includes(stem(t)) || h.keywords.some((k) => k.includes(stem(t)))),
  );
  if (!absent.length) return outcome;
  const words = await load.vocabulary();
  options.signal?.throwIfAborted();
  const corrected = terms.map((t) => (absent.includes(t) ? (correctWord(t, words) ?? t) : t));
  if (corrected.every((t, i) => t === terms[i])) return outcome;
  const again = await searchOnce(load, corrected.join(' '), options);
  return again.hits.length
    ? { ...again, correctedQuery: again.correctedQuery ?? corrected.join(' '), synonyms: outcome.synonyms }
    : outcome;
}

async function searchOnce(
  load: Loaders,
  query: string,
  { categories = [], limit = 10, signal }: SearchOptions,
): Promise<SearchOutcome> {
  const [pf, data] = await Promise.all([load.pagefind(), load.searchData()]);
  signal?.throwIfAborted();
  const options = categories.length ? { filters: { category: categories } } : {};
  const plan = planQuery(query, data);
  // Started now, awaited last; it never rejects (a pin file that fails is treated as empty).
  const pinnedLookup = findPinned(load, plan.pinKeys, data.pinBuckets);
  // A replaced search stops before its next Pagefind call. A Pagefind whose search threw is not trusted again: the
  // next search loads a fresh one. (A result's data that failed to load is forgotten by Pagefind itself.)
  const find = async (text: string) => {
    signal?.throwIfAborted();
    try {
      return (await pf.search(text, options))?.results ?? [];
    } catch (error) {
      load.discard(pf);
      throw error;
    }
  };
  let terms = plan.terms;
  const outcome: SearchOutcome = {
    hits: [],
    total: 0,
    correctedQuery: undefined,
    synonyms: plan.synonyms,
    relaxed: false,
    suggestions: [],
  };
  if (!terms.length) return outcome;

  let results = await find(terms.join(' '));
  if (plan.synonyms.length) {
    // The reader's own words may be in the articles too ("transaction fee"): keep those pages, best score first.
    const typed = await find(plan.typedTerms.join(' '));
    results = mergeByScore([results, typed]);
  }
  let perTerm: PagefindResult[][] | undefined;
  const searchEach = async () => (perTerm ??= await Promise.all(terms.map(find)));

  // Pagefind leaves out a word it has never seen, which is most likely a typo: correct it from the site's own
  // vocabulary. Searching each word alone costs no extra download: the whole query loaded the same index chunks.
  const each = terms.length > 1 ? await searchEach() : [results];
  if (each.some((list) => list.length === 0)) {
    const words = await load.vocabulary();
    signal?.throwIfAborted();
    const corrected = terms.map((t, i) => (each[i]!.length ? t : (correctWord(t, words) ?? t)));
    if (corrected.some((t, i) => t !== terms[i])) {
      terms = corrected;
      outcome.correctedQuery = corrected.join(' ');
      perTerm = undefined;
      results = await find(outcome.correctedQuery);
    }
  }

  let ranked = results;
  if (results.length < RELAX_BELOW && terms.length > 1) {
    const extra = relaxedResults(await searchEach()).filter((r) => !results.some((full) => full.id === r.id));
    if (extra.length) {
      ranked = [...results, ...extra];
      outcome.relaxed = results.length === 0;
    }
  }

  signal?.throwIfAborted();
  const loaded = await Promise.all(ranked.slice(0, limit).map(async (r) => toHit(await r.data())));
  let hits = withExplainingArticles(rerank(loaded, query, terms)).slice(0, limit);
  const pinned = await pinnedLookup;
  signal?.throwIfAborted();
  // An article's address starts with its category.
  const category = pinned?.url.split('/')[1] as Category | undefined;
  if (pinned && category && (!categories.length || categories.includes(category))) {
    const fromIndex = hits.find((h) => h.url === pinned.url);
    const best = fromIndex ?? bareArticleHit(pinned.url, pinned.title);
    hits = [{ ...best, pinned: true }, ...hits.filter((h) => h !== fromIndex)].slice(0, limit);
  }
  outcome.hits = hits;
  outcome.total = Math.max(ranked.length, hits.length);
  if (!hits.length) outcome.suggestions = closestQuestions(terms, await load.questions());
  return outcome;
}

/** One list from several searches for the same thing: each page once, at its best score. */
function mergeByScore(lists: PagefindResult[][]): PagefindResult[] {
  const best = new Map<string, PagefindResult>();
  for (const result of lists.flat()) if ((best.get(result.id)?.score ?? -1) < result.score) best.set(result.id, result);
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/** Merges one result list per word: a page scores for each word it has, rarer words counting more. */
function relaxedResults(lists: PagefindResult[][]): PagefindResult[] {
  const scores = new Map<string, { result: PagefindResult; score: number; matched: number }>();
  const searched = lists.filter((list) => list.length).length;
  for (const list of lists) {
    if (!list.length) continue;
    const weight = 1 / Math.log2(2 + list.length);
    const top = Math.max(...list.map((r) => r.score)) || 1;
    for (const result of list) {
      const entry = scores.get(result.id) ?? { result, score: 0, matched: 0 };
      entry.score += (weight * result.score) / top;
      entry.matched += 1;
      scores.set(result.id, entry);
    }
  }
  // A page with more of the reader's words beats one with a single rare word: a long question carries incidental
  // words ("refuse", "happens") that a wrong page may use often (a coordination factor, as in classic retrieval).
  const coverage = (matched: number) => (matched / searched) ** 2;
  return [...scores.values()]
    .sort((a, b) => b.score * coverage(b.matched) - a.score * coverage(a.matched))
    .map((e) => e.result);
}

/**
 * Pagefind ranks words, not phrases. Among the results already loaded, a page that contains the reader's words as
 * typed (a pasted sentence, an error message), or lists the query among its keywords, goes first. This stays here
 * because Pagefind can't express it: its ranking options and weights score words one by one, with no phrase match
 * and no exact match on a field.
 */
function rerank(hits: Hit[], query: string, terms: string[]): Hit[] {
  const phrase = normalize(query);
  const joined = terms.join(' ');
  const bonus = (hit: Hit) => {
    if (hit.keywords.some((k) => k === phrase || k === joined)) return 2;
    if (phrase.split(' ').length >= 3 && hit.content.includes(phrase)) return 1;
    return 0;
  };
  return hits
    .map((hit, i) => ({ hit, i, b: bonus(hit) }))
    .sort((a, b) => b.b - a.b || a.i - b.i)
    .map((x) => x.hit);
}

/**
 * A FAQ answer is short and written in readers' words, so it often matches a question better than the article
 * that explains it: its article follows it, moved up from lower down the list or added when it wasn't loaded. The
 * link is the writer's own (each answer names its article), not a guess from the words.
 */
function withExplainingArticles(hits: Hit[]): Hit[] {
  const result: Hit[] = [];
  for (const hit of hits) {
    if (result.includes(hit)) continue;
    result.push(hit);
    const linked = hit.article;
    if (!linked || result.some((h) => h.url === linked.url)) continue;
    result.push(hits.find((h) => h.url === linked.url) ?? bareArticleHit(linked.url, linked.title));
  }
  return result;
}

/** An article known only by its address and title (pinned, or linked from a FAQ answer) that the index didn't load. */
function bareArticleHit(url: string, title: string): Hit {
  // An article's address starts with its category.
  const category = url.split('/')[1] as Category | undefined;
  return {
    kind: 'article',
    url,
    title,
    category,
    categoryLabel: category ? categoryLabels[category] : '',
    summary: '',
    excerpt: '',
    section: undefined,
    number: undefined,
    keywords: [],
    content: '',
  };
}

function toHit(data: PagefindData): Hit {
  const category = data.filters.category?.[0] as Category | undefined;
  const pageUrl = data.meta.url ?? data.url;
  const title = data.meta.title ?? pageUrl;
  const keywords = (data.meta.keywords ?? '')
    .split(',')
    .map((k) => normalize(k))
    .filter(Boolean);
  // The keywords are indexed but not written for reading (they hold misspellings on purpose): an excerpt drawn
  // from them is replaced by the answer itself.
  const excerptText = normalize(data.excerpt.replace(/<\/?mark>/g, ''));
  const fromKeywords = keywords.filter((k) => excerptText.includes(k)).length >= 2;
  // A FAQ page has no summary: its answer follows the question at the start of the text.
  const lead = data.content.startsWith(title) ? data.content.slice(title.length).trim() : data.content;
  const summary = data.meta.summary ?? (fromKeywords ? `${lead.slice(0, 180).replace(/\s+\S*$/, '')}…` : '');
  return {
    kind: data.meta.kind === 'faq' ? 'faq' : 'article',
    url: pageUrl,
    title,
    category,
    categoryLabel: category ? categoryLabels[category] : '',
    summary,
    excerpt: fromKeywords ? '' : data.excerpt,
    section: data.meta.kind === 'faq' ? undefined : bestSection(data),
    number: data.meta.number,
    keywords,
    content: normalize(data.content),
    ...(data.meta.article && {
      article: { url: data.meta.article, title: data.meta.article_title ?? data.meta.article },
    }),
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
