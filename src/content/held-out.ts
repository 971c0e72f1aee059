/**
 * Keeps the held-out search queries honest. A query only measures the search if nothing in the content was written
 * to match it: a query that is an article's keyword, pinned query, title, a FAQ question or a synonym finds its
 * page because someone planted it, and so does a typo that a keyword lists. This module reads the content files
 * as they are on disk (no Astro) and names every such query with the file and field that contains it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { STOPWORDS, correctWord, keyTerms, normalize, tokenize } from '../client/search/query.ts';

export interface SearchQuery {
  q: string;
  /** Entry ids (`<category>/<slug>`) of the articles that answer it. */
  expect: string[];
}

/** One string of the content that search matches on purpose, and where it is. */
export interface PlantedText {
  text: string;
  /** The file, relative to the project root: `content/articles/refunds/partial-refunds.mdx`. */
  file: string;
  /** `keywords`, `pinnedQueries`, `title`, `question`, `synonyms` or `id` (a synonym's term). */
  field: string;
}

export interface SearchContent {
  /** Strings written for the search to match: keywords, pins, titles, questions, synonyms. */
  planted: PlantedText[];
  /** Every word of the prose (titles, summaries, questions, bodies), without keywords or synonyms. */
  vocabulary: Set<string>;
}

export interface Contamination {
  query: string;
  message: string;
}

/** Reads articles, FAQ entries and the synonym map under `root` (the project root). */
export function readSearchContent(root: string): SearchContent {
  const planted: PlantedText[] = [];
  const vocabulary = new Set<string>();
  const addWords = (text: string) => tokenize(text).forEach((w) => vocabulary.add(w));
  const add = (file: string, field: string, value: unknown) => {
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    for (const text of values) if (typeof text === 'string') planted.push({ text, file, field });
  };

  for (const kind of ['articles', 'faq'] as const) {
    for (const path of filesUnder(join(root, 'content', kind))) {
      if (!/\.mdx?$/.test(path)) continue;
      const file = relative(root, path);
      const { data, body } = splitFrontmatter(readFileSync(path, 'utf8'));
      add(file, 'keywords', data.keywords);
      add(file, 'pinnedQueries', data.pinnedQueries);
      add(file, kind === 'articles' ? 'title' : 'question', kind === 'articles' ? data.title : data.question);
      for (const prose of [data.title, data.summary, data.question, body]) if (typeof prose === 'string') addWords(prose);
    }
  }

  const synonymsFile = join(root, 'content', 'search', 'synonyms.json');
  const file = relative(root, synonymsFile);
  const json = JSON.parse(readFileSync(synonymsFile, 'utf8')) as unknown;
  // Astro's file() loader takes either an array of entries with ids or an object keyed by id.
  const entries = Array.isArray(json)
    ? (json as { id: string; synonyms: string[] }[])
    : Object.entries(json as Record<string, { synonyms: string[] }>).map(([id, v]) => ({ ...v, id }));
  for (const entry of entries) {
    add(file, 'id', entry.id);
    add(file, 'synonyms', entry.synonyms);
  }
  return { planted, vocabulary };
}

/**
 * Every way the held-out queries are contaminated: a query that equals or appears, as whole words, inside a planted
 * string (also once filler words are dropped, as the search does before looking up pinned queries); a word that
 * is no word of the site's prose, so a misspelling or a made-up term, yet is listed in a keyword or synonym; and a
 * query that is also in the tuning set.
 */
export function findContamination(
  heldOut: QuerySet,
  tuning: QuerySet,
  content: SearchContent,
): Contamination[] {
  const problems: Contamination[] = [];
  const planted = content.planted.map((p) => ({
    ...p,
    normal: ` ${normalize(p.text)} `,
    core: keyTerms(tokenize(p.text)).join(' '),
    words: new Set(tokenize(p.text)),
  }));
  const tuned = new Map(tuning.queries.map((t) => [normalize(t.q), t.q]));
  const notTypos = new Set(heldOut.notTypos ?? []);

  for (const { q } of heldOut.queries) {
    const normal = normalize(q);
    const core = keyTerms(tokenize(q)).join(' ');
    if (!normal) continue;
    for (const p of planted) {
      if (p.normal.includes(` ${normal} `))
        problems.push({ query: q, message: `"${q}" appears in ${p.file}, ${p.field}: "${p.text}"` });
      else if (core.includes(' ') && core === p.core)
        problems.push({ query: q, message: `"${q}" without its filler words equals ${p.file}, ${p.field}: "${p.text}"` });
    }
    for (const word of misspelt(q, content.vocabulary).filter((w) => !notTypos.has(w))) {
      for (const p of planted) {
        if ((p.field === 'keywords' || p.field === 'synonyms' || p.field === 'id') && p.words.has(word))
          problems.push({
            query: q,
            message: `"${q}": the misspelling "${word}" is planted in ${p.file}, ${p.field}: "${p.text}"`,
          });
      }
    }
    const twin = tuned.get(normal);
    if (twin !== undefined)
      problems.push({ query: q, message: `"${q}" is in both sets (tuning has "${twin}"): keep it in one` });
  }
  return problems;
}

/**
 * The query's misspelt words: words the site's prose doesn't have but that are one or two slips from a word it
 * has, found with the search's own correction (so "refnud", but not "github" or "refunded").
 */
export function misspelt(query: string, vocabulary: ReadonlySet<string>): string[] {
  const words = [...vocabulary];
  const stem = (w: string) => w.replace(/(ing|ed|es|s)$/, '');
  return tokenize(query).filter((w) => {
    if (w.length < 3 || STOPWORDS.has(w) || vocabulary.has(w)) return false;
    const correction = correctWord(w, words);
    if (correction === undefined) return false;
    // Another form of the same word ("required" for "require", "updater" for "update") is no misspelling.
    const [a, b] = [stem(w), stem(correction)];
    return !(a === b || w.startsWith(b) || correction.startsWith(a));
  });
}

/** A query file: `tests/search/tuning.json` or `tests/search/held-out.json`. */
export interface QuerySet {
  queries: SearchQuery[];
  /**
   * Real words that are near a word of the site but not in its text ("file" beside "fine"), so that the typo
   * check would take them for misspellings. Each is a reviewed exception: never list a misspelling here.
   */
  notTypos?: string[];
}

export function readQuerySet(file: string): QuerySet {
  return JSON.parse(readFileSync(file, 'utf8')) as QuerySet;
}

function splitFrontmatter(text: string): { data: Record<string, unknown>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) return { data: {}, body: text };
  return { data: (parse(match[1]!) ?? {}) as Record<string, unknown>, body: match[2]! };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}
