/**
 * What the search client needs besides the Pagefind index, worked out once at build time. Split in two so a
 * plain search fetches only a few KB: the synonym map and the pinned queries ("best bets") for every search; the
 * vocabulary for typo corrections and the FAQ questions for empty results only when a search needs them.
 */
import { getCollection } from 'astro:content';
import { STOPWORDS, normalize, tokenize, keyTerms, type SearchData, type SearchFallback } from '../client/search/query.ts';
import { articlePath, faqPath, getLibrary } from './library.ts';

/** The vocabulary's size cap: corrections need the site's words, not every rare one. */
const VOCABULARY_SIZE = 4000;

export async function buildSearchData(): Promise<SearchData> {
  const { articles } = await getLibrary();
  const synonyms: Record<string, string> = {};
  for (const entry of await getCollection('synonyms')) {
    for (const phrase of entry.data.synonyms) synonyms[normalize(phrase)] = normalize(entry.id);
  }

  const pinned: SearchData['pinned'] = {};
  const pinnedArticles: SearchData['pinnedArticles'] = [];
  for (const article of articles.filter((a) => a.data.pinnedQueries.length)) {
    const index = pinnedArticles.push({ url: articlePath(article), title: article.data.title, category: article.data.category }) - 1;
    for (const query of article.data.pinnedQueries) {
      pinned[normalize(query)] = index;
      // "the refund fee" pins like "refund fee"; but a pin that is one word without its filler ("should i
      // refund" → "refund") would capture every search for that word, so only pins of two words or more.
      const core = keyTerms(tokenize(query));
      if (core.length >= 2) pinned[core.join(' ')] ??= index;
    }
  }

  return { synonyms, pinned, pinnedArticles };
}

export async function buildSearchFallback(): Promise<SearchFallback> {
  const { articles, faq } = await getLibrary();
  // Document frequency: a word in many pages is a safer correction than a word in one.
  const frequency = new Map<string, number>();
  const texts = [
    ...articles.map((a) => [a.data.title, a.data.summary, a.data.keywords.join(' '), a.body ?? ''].join(' ')),
    ...faq.map((q) => [q.data.question, q.data.keywords.join(' '), q.body ?? ''].join(' ')),
  ];
  for (const text of texts) {
    const words = new Set(tokenize(stripMarkdown(text)).filter((w) => w.length >= 3 && !STOPWORDS.has(w) && !/\d/.test(w)));
    for (const word of words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }
  const vocabulary = [...frequency.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, VOCABULARY_SIZE)
    .map(([word]) => word);

  return { vocabulary, faq: faq.map((q) => ({ question: q.data.question, url: faqPath(q) })) };
}

/** Code, link targets and MDX tags say nothing a reader would search for in prose. */
function stripMarkdown(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<[^>]+>/g, ' ');
}
