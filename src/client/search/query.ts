/**
 * Turns what a reader types into what the index understands: lowercase words, question words and filler
 * dropped, the site's synonyms rewritten to the terms the articles use, and words the index doesn't know
 * corrected from the site's own vocabulary. Pure functions, shared by the browser and the build.
 */

/** What every search needs besides the Pagefind index (`/search-data.json`, a few KB). */
export interface SearchData {
  /** Synonym phrase → the term the articles use, both normalised. */
  synonyms: Record<string, string>;
  /**
   * How many files the pinned queries are spread over (`/search-pins/<n>.json`, see `pinBucket`), so that a
   * search fetches the few pins that could match it, however many articles pin queries.
   */
  pinBuckets: number;
}

/** One file of pinned queries: each article once (`[url, title]`), and normalised exact query → its index. */
export interface PinBucket {
  articles: [url: string, title: string][];
  pins: Record<string, number>;
}

/** The site's words, most common first, the candidates for a correction (`/search-vocabulary.json`), fetched only by a search with a word to correct. */
export type Vocabulary = string[];

/** Every FAQ question and its link (`/search-questions.json`), fetched only by a search that found nothing. */
export type FaqQuestions = { question: string; url: string }[];

/** Enough to show a pinned article first; its summary comes from the index when it is among the results. */
export interface PinnedArticle {
  url: string;
  title: string;
}

/** Words that carry no topic of their own in a help-center question. */
export const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can could did do does doing for from get got had has have how i if in into is it its ' +
    'me my mine no not of on or our please should so than that the their them then there these they this to too was we ' +
    'were what when where which who whom why will with would you your yours am about after again also any because before ' +
    'being both each just more most need needs only other over own same some such very want wants way help tell know ' +
    'im ive dont doesnt cant wont isnt didnt hasnt havent whats hows theres all every something anything ' +
    'everything really still already even ever much many thing things ' +
    // Verbs a question is built with rather than about: "what happens when…", "how does … work".
    'happen happens happened go goes going say says said mean means see show shows use using work works make ' +
    'makes let put take takes give gives come comes keep look looks like try trying tried actually hi hello thanks'
  ).split(' '),
);

export function normalize(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9_]+/g, ' ')
    .trim();
}

export function tokenize(text: string): string[] {
  const normal = normalize(text);
  return normal ? normal.split(' ') : [];
}

/** Rewrites synonym phrases (longest first, whole words only) to the site's terms. */
export function applySynonyms(
  normalized: string,
  synonyms: Record<string, string>,
): { text: string; applied: [from: string, to: string][] } {
  let text = ` ${normalized} `;
  const applied: [string, string][] = [];
  for (const phrase of Object.keys(synonyms).sort((a, b) => b.length - a.length)) {
    const needle = ` ${phrase} `;
    if (text.includes(needle)) {
      const term = synonyms[phrase]!;
      text = text.split(needle).join(` ${term} `);
      applied.push([phrase, term]);
    }
  }
  return { text: text.trim().replace(/\s+/g, ' '), applied };
}

/** The words that carry the question; if every word is filler ("how do i"), the words themselves. */
export function keyTerms(tokens: readonly string[]): string[] {
  const kept = tokens.filter((t) => !STOPWORDS.has(t));
  const unique = [...new Set(kept.length ? kept : tokens)];
  return unique;
}

/**
 * The rows of the distance table, kept between calls: a correction compares a word with thousands of vocabulary
 * words on every keystroke, and allocating a table per comparison made that the slowest part of a search.
 */
let rows: [Uint16Array, Uint16Array, Uint16Array] = [new Uint16Array(32), new Uint16Array(32), new Uint16Array(32)];

/** Optimal string alignment distance (Levenshtein plus adjacent swaps: "refnud" → "refund" is one edit). */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  if (rows[0].length < cols) rows = [new Uint16Array(cols * 2), new Uint16Array(cols * 2), new Uint16Array(cols * 2)];
  // Three rows: the one being filled, the one above it, and the one above that (for a swap of neighbours).
  let [before, above, row] = rows;
  for (let j = 0; j < cols; j++) above[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const free = before;
    before = above;
    above = row;
    row = free;
  }
  return above[b.length]!;
}

/** The closest word of the vocabulary, preferring common words; none when nothing is close enough. */
export function correctWord(word: string, vocabulary: readonly string[]): string | undefined {
  if (word.length < 3 || /\d/.test(word)) return undefined;
  // One slip (a swap, a missing or extra letter) is the common typo; two only in long words, where two edits
  // still leave the word recognisable ("dashbaord", "idempotncy").
  const max = word.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const candidate of vocabulary) {
    if (candidate === word) return undefined;
    // Most of the vocabulary is too long or too short to be within reach: skip it without comparing letters.
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const distance = editDistance(word, candidate, max);
    // The vocabulary is ordered most common first, so on a tie the earlier (commoner) word wins.
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      if (distance === 1) break;
    }
  }
  return best;
}

export interface QueryPlan {
  /** What the reader typed. */
  original: string;
  /** The words to search for, after synonyms and with filler dropped. */
  terms: string[];
  /** The reader's own words with filler dropped, before synonyms. */
  typedTerms: string[];
  /** Synonym rewrites made, to say so under the results. */
  synonyms: [from: string, to: string][];
  /** The forms of the query an article may have pinned: as typed (normalised), and without its filler words. */
  pinKeys: string[];
}

/**
 * The most words a query is searched by. Each word can cost a Pagefind search of its own (see engine.ts), so a
 * pasted paragraph is searched by its first few meaningful words, which is what a question starts with anyway.
 */
export const MAX_TERMS = 8;

export function planQuery(raw: string, data: SearchData): QueryPlan {
  const normalized = normalize(raw);
  const { text, applied } = applySynonyms(normalized, data.synonyms);
  const terms = keyTerms(text ? text.split(' ') : []).slice(0, MAX_TERMS);
  const typedTerms = keyTerms(normalized ? normalized.split(' ') : []).slice(0, MAX_TERMS);
  const pinKeys = [...new Set([normalized, keyTerms(tokenize(raw)).join(' ')])].filter(Boolean);
  return { original: raw, terms, typedTerms, synonyms: applied, pinKeys };
}

/** Which pin file holds a query: FNV-1a of the normalised query, so the build and the browser agree. */
export function pinBucket(key: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % buckets;
}

/** The FAQ questions that share the most words with the query, for a search that found nothing. */
export function closestQuestions(terms: readonly string[], faq: FaqQuestions, limit = 3): FaqQuestions {
  const stem = (w: string) => w.replace(/(ing|ed|es|s)$/, '');
  const wanted = new Set(terms.map(stem));
  return faq
    .map((entry) => ({ entry, score: keyTerms(tokenize(entry.question)).filter((w) => wanted.has(stem(w))).length }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.entry);
}
