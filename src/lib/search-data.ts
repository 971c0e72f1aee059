/**
 * What the search client needs besides the Pagefind index, worked out once at build time. Split so a plain
 * search fetches only a few KB: the synonym map for every search, the one file of pinned queries ("best bets")
 * that could hold it, and the vocabulary for typo corrections and the FAQ questions only when a search needs them.
 */
import { getCollection } from 'astro:content';
import {
  STOPWORDS,
  normalize,
  pinBucket,
  tokenize,
  keyTerms,
  type FaqQuestions,
  type PinBucket,
  type SearchData,
  type Vocabulary,
} from '../client/search/query.ts';
import { articlePath, faqPath, getLibrary } from './library.ts';

/** The vocabulary's size cap: corrections need the site's words, not every rare one. */
const VOCABULARY_SIZE = 4000;

/** About this many pinned queries per pin file: one small fetch per search (under 1 KB compressed), however large the
 * library; it is paid on every cold search, beside Pagefind's own files. */
const PINS_PER_BUCKET = 25;

export async function buildSearchData(): Promise<SearchData> {
  const synonyms: Record<string, string> = {};
  for (const entry of await getCollection('synonyms')) {
    for (const phrase of entry.data.synonyms) synonyms[normalize(phrase)] = normalize(entry.id);
  }
  return { synonyms, pinBuckets: (await pinBuckets()).length };
}

let buckets: Promise<PinBucket[]> | undefined;

/** The pinned queries, spread over files by `pinBucket`; worked out once per build. */
export function pinBuckets(): Promise<PinBucket[]> {
  buckets ??= (async () => {
    const { articles } = await getLibrary();
    const pins = new Map<string, [url: string, title: string]>();
    for (const article of articles) {
      const target: [string, string] = [articlePath(article), article.data.title];
      for (const query of article.data.pinnedQueries) {
        pins.set(normalize(query), target);
        // "the refund fee" pins like "refund fee"; but a pin that is one word without its filler ("should i
        // refund" → "refund") would capture every search for that word, so only pins of two words or more.
        const core = keyTerms(tokenize(query));
        if (core.length >= 2 && !pins.has(core.join(' '))) pins.set(core.join(' '), target);
      }
    }
    const count = Math.max(1, Math.ceil(pins.size / PINS_PER_BUCKET));
    const files: PinBucket[] = Array.from({ length: count }, () => ({ articles: [], pins: {} }));
    for (const [query, target] of pins) {
      const file = files[pinBucket(query, count)]!;
      let index = file.articles.indexOf(target);
      if (index < 0) index = file.articles.push(target) - 1;
      file.pins[query] = index;
    }
    return files;
  })();
  return buckets;
}

export async function buildFaqQuestions(): Promise<FaqQuestions> {
  const { faq } = await getLibrary();
  return faq.map((q) => ({ question: q.data.question, url: faqPath(q) }));
}

export async function buildVocabulary(): Promise<Vocabulary> {
  const { articles, faq } = await getLibrary();
  // Document frequency: a word in many pages is a safer correction than a word in one.
  const frequency = new Map<string, number>();
  const texts = [
    ...articles.map((a) => [a.data.title, a.data.summary, a.data.keywords.join(' '), a.body ?? ''].join(' ')),
    ...faq.map((q) => [q.data.question, q.data.keywords.join(' '), q.body ?? ''].join(' ')),
  ];
  for (const text of texts) {
    const words = new Set(
      tokenize(stripMarkdown(text)).filter((w) => w.length >= 3 && !STOPWORDS.has(w) && !/\d/.test(w)),
    );
    for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }
  // A word of a single page is as often a name or an id as a word readers type; it makes a poor correction.
  const vocabulary = [...frequency.entries()]
    .filter(([, pages]) => pages >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, VOCABULARY_SIZE)
    .map(([word]) => word);
  return vocabulary;
}

/** Code, link targets and MDX tags say nothing a reader would search for in prose. */
function stripMarkdown(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<[^>]+>/g, ' ');
}
