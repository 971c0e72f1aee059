/**
 * The search engine against a fake Pagefind and fake site files, so that every failure a reader's connection can
 * cause is reproducible: a load that fails once, a search that throws, a file that answers 500, a slow search that
 * a newer one replaces. The fake matches words the way the real index does for these pages (every word of the query,
 * or each alone), which is all the engine relies on.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSearch, type SearchDeps } from './engine.ts';
import { MAX_TERMS, pinBucket, type FaqQuestions, type PinBucket, type SearchData } from './query.ts';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
after(() => {
  process.off('unhandledRejection', onUnhandled);
  assert.deepEqual(unhandled, [], 'no search left a rejection unhandled');
});

interface FakePage {
  url: string;
  title: string;
  text: string;
  category: string;
  /** Pagefind metadata beyond the title: a FAQ answer's kind and the article that explains it. */
  meta?: Record<string, string>;
}

const PAGES: FakePage[] = [
  {
    url: '/refunds/partial-refunds/',
    title: 'Refund part of a payment',
    text: 'partial refund amount',
    category: 'refunds',
  },
  { url: '/refunds/cancel-a-refund/', title: 'Cancel a refund', text: 'cancel a pending refund', category: 'refunds' },
  { url: '/fees/stripe-fees/', title: 'What Stripe charges', text: 'fee for each payment', category: 'fees' },
  {
    url: '/faq/#fee-kept',
    title: 'Does Stripe keep its fee?',
    text: 'the fee stays with stripe',
    category: 'fees',
    meta: { kind: 'faq', article: '/fees/stripe-fees/', article_title: 'What Stripe charges' },
  },
];
const DATA: SearchData = { synonyms: { 'money back': 'refund' }, pinBuckets: 2 };
const QUESTIONS: FaqQuestions = [{ question: 'How long does a refund take?', url: '/faq/#refund-time' }];
const VOCABULARY = ['refund', 'payment', 'partial', 'cancel', 'fee'];

/** The pin files of the fake site: "refund fee" pins the fees article. */
function pinFile(bucket: number): PinBucket {
  return bucket === pinBucket('refund fee', DATA.pinBuckets)
    ? { articles: [['/fees/stripe-fees/', 'What Stripe charges']], pins: { 'refund fee': 0 } }
    : { articles: [], pins: {} };
}

/** A deferred promise, for a step the test releases when it chooses. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

interface Faults {
  /** Makes the next load of Pagefind fail (its script did not arrive). */
  loadFails?: number;
  /** Makes the next Pagefind searches throw (an index chunk could not be read). */
  searchFails?: number;
  /** Site files that answer 500 the next N times they are fetched. */
  fileFails?: Record<string, number>;
  /** Holds every Pagefind search of this query until released. */
  hold?: { query: string; until: Promise<void> };
}

function fakeSite(faults: Faults = {}) {
  const calls = { loads: [] as number[], searches: [] as string[], data: 0, files: [] as string[] };
  const fileFails = { ...faults.fileFails };
  const fakePagefind = () => ({
    options: async () => {},
    init: async () => {},
    async search(query: string, o?: { filters?: Record<string, string[]> }) {
      calls.searches.push(query);
      if (faults.hold && query === faults.hold.query) await faults.hold.until;
      if (faults.searchFails) {
        faults.searchFails--;
        throw new Error('index chunk failed');
      }
      const words = query.split(' ');
      const wanted = o?.filters?.category;
      const found = PAGES.filter(
        (p) =>
          words.every((w) => `${p.title} ${p.text}`.toLowerCase().includes(w)) &&
          (!wanted || wanted.includes(p.category)),
      );
      return {
        unfilteredResultCount: found.length,
        results: found.map((p, i) => ({
          id: p.url,
          score: 10 - i,
          data: async () => {
            calls.data++;
            return {
              url: p.url,
              excerpt: p.text,
              content: `${p.title}. ${p.text}`,
              meta: { title: p.title, ...p.meta },
              filters: { category: [p.category] },
              sub_results: [],
            };
          },
        })),
      };
    },
  });
  const deps: SearchDeps = {
    async loadPagefind(attempt) {
      calls.loads.push(attempt);
      if (faults.loadFails) {
        faults.loadFails--;
        throw new Error('pagefind.js failed to load');
      }
      return fakePagefind();
    },
    async fetchJson<T>(url: string): Promise<T> {
      calls.files.push(url);
      if (fileFails[url]) {
        fileFails[url]--;
        throw new Error(`${url} answered 500`);
      }
      const pin = /^\/search-pins\/(\d+)\.json$/.exec(url);
      const files: Record<string, unknown> = {
        '/search-data.json': DATA,
        '/search-vocabulary.json': VOCABULARY,
        '/search-questions.json': QUESTIONS,
      };
      const body = pin ? pinFile(Number(pin[1])) : files[url];
      if (body === undefined) throw new Error(`${url} answered 404`);
      return structuredClone(body) as T;
    },
  };
  return { search: createSearch(deps), calls };
}

const urls = (outcome: { hits: { url: string }[] }) => outcome.hits.map((h) => h.url);

test('a search finds pages, maps synonyms, corrects typos and puts a pinned article first', async () => {
  const { search } = fakeSite();
  assert.equal(urls(await search('partial refund'))[0], '/refunds/partial-refunds/');
  const synonym = await search('money back');
  assert.deepEqual(synonym.synonyms, [['money back', 'refund']]);
  assert.ok(urls(synonym).includes('/refunds/cancel-a-refund/'));
  const typo = await search('cancle');
  assert.equal(typo.correctedQuery, 'cancel');
  assert.deepEqual(urls(typo), ['/refunds/cancel-a-refund/']);
  const pinned = await search('refund fee');
  assert.equal(pinned.hits[0]?.url, '/fees/stripe-fees/');
  assert.equal(pinned.hits[0]?.pinned, true);
});

test("Pagefind's script failing once fails that search only: the next one loads it again and finds results", async () => {
  const { search, calls } = fakeSite({ loadFails: 1 });
  await assert.rejects(search('refund'), /pagefind\.js failed to load/);
  assert.equal(urls(await search('cancel refund'))[0], '/refunds/cancel-a-refund/');
  assert.deepEqual(calls.loads, [0, 1], 'the retry asks for a fresh load (attempt 1)');
  await search('partial');
  assert.deepEqual(calls.loads, [0, 1], 'a Pagefind that works is kept');
});

test('a Pagefind search that throws (an index chunk did not load) is retried on a fresh Pagefind', async () => {
  const { search, calls } = fakeSite({ searchFails: 1 });
  await assert.rejects(search('refund'), /index chunk failed/);
  assert.equal((await search('refund')).hits.length, 2);
  assert.deepEqual(calls.loads, [0, 1]);
});

test('search-data answering 500 fails that search; the next one fetches it again', async () => {
  const { search, calls } = fakeSite({ fileFails: { '/search-data.json': 1 } });
  await assert.rejects(search('refund'), /search-data\.json answered 500/);
  assert.equal((await search('refund')).hits.length, 2);
  assert.equal(calls.files.filter((f) => f === '/search-data.json').length, 2);
  await search('fee');
  assert.equal(calls.files.filter((f) => f === '/search-data.json').length, 2, 'once fetched, it is kept');
});

test('a vocabulary that fails to load fails the search that needs it, and is fetched again by the next', async () => {
  const { search } = fakeSite({ fileFails: { '/search-vocabulary.json': 1 } });
  await assert.rejects(search('cancle'), /search-vocabulary\.json answered 500/);
  assert.equal((await search('cancle')).correctedQuery, 'cancel');
});

test('questions and pin files that fail leave the search working, and are fetched again by the next search', async () => {
  const bucket = `/search-pins/${pinBucket('refund fee', DATA.pinBuckets)}.json`;
  const { search } = fakeSite({ fileFails: { '/search-questions.json': 1, [bucket]: 1 } });
  const nothing = await search('long wait');
  assert.deepEqual(nothing.hits, []);
  assert.deepEqual(nothing.suggestions, [], 'no suggestions while the questions are unavailable');
  assert.deepEqual(
    (await search('long wait')).suggestions.map((q) => q.url),
    ['/faq/#refund-time'],
  );
  const unpinned = await search('refund fee');
  assert.notEqual(unpinned.hits[0]?.pinned, true, 'the pin file failed: no pin this time');
  assert.equal((await search('refund fee')).hits[0]?.pinned, true, 'the next search reads the pin');
});

test("a FAQ answer's own article follows it, even when the reader's words are not in the article", async () => {
  const { search } = fakeSite();
  const { hits } = await search('stays');
  assert.deepEqual(urls({ hits }), ['/faq/#fee-kept', '/fees/stripe-fees/']);
  assert.equal(hits[1]?.title, 'What Stripe charges');
  assert.equal(hits[1]?.kind, 'article');
});

test('a slow search replaced by a newer one stops at its next step and rejects with the abort reason', async () => {
  const slow = gate();
  const { search, calls } = fakeSite({ hold: { query: 'cancel refund', until: slow.opened } });
  const first = new AbortController();
  const older = search('cancel refund', { signal: first.signal });
  // The older search is waiting on Pagefind; the reader types on.
  while (!calls.searches.includes('cancel refund')) await new Promise((r) => setImmediate(r));
  first.abort();
  const newer = await search('partial refund', { signal: new AbortController().signal });
  assert.equal(urls(newer)[0], '/refunds/partial-refunds/');
  const dataBefore = calls.data;
  const searchesBefore = calls.searches.length;
  slow.open();
  await assert.rejects(older, { name: 'AbortError' });
  assert.equal(calls.data, dataBefore, 'the replaced search loaded no result data');
  assert.equal(calls.searches.length, searchesBefore, 'nor ran another Pagefind search');
});

test('a pasted paragraph is searched by its first few meaningful words, not one search per word', async () => {
  const { search, calls } = fakeSite();
  const words = Array.from({ length: 60 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`);
  const outcome = await search(`refund ${words.join(' ')}`);
  assert.deepEqual(outcome.hits.length, 2, 'the relaxed search still finds the pages with "refund"');
  const longest = Math.max(...calls.searches.map((q) => q.split(' ').length));
  assert.ok(longest <= MAX_TERMS, `no Pagefind search had more than ${MAX_TERMS} words (got ${longest})`);
  assert.ok(calls.searches.length <= 2 * MAX_TERMS + 2, `${calls.searches.length} Pagefind searches`);
});
