/**
 * The published library: every page reads articles and FAQ entries through here, so the cross-entry checks run
 * once per build, before any page is written, and a broken reference fails the build naming the file and field.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { categories, type Category } from './categories.ts';
import { checkArticles, checkFaq, formatProblems, type EntryForCheck } from '../content/integrity.ts';

export type Article = CollectionEntry<'articles'>;
export type FaqEntry = CollectionEntry<'faq'>;

export interface Library {
  articles: Article[];
  faq: FaqEntry[];
  byId: Map<string, Article>;
  byCategory: Map<Category, Article[]>;
}

let library: Promise<Library> | undefined;

export function getLibrary(): Promise<Library> {
  library ??= loadLibrary();
  return library;
}

function forCheck(entry: Article | FaqEntry): EntryForCheck {
  return { id: entry.id, filePath: entry.filePath ?? entry.id, data: entry.data, body: entry.body };
}

async function loadLibrary(): Promise<Library> {
  const allArticles = await getCollection('articles');
  const articleProblems = checkArticles(allArticles.map(forCheck));
  if (articleProblems.length) throw new Error(formatProblems('articles', articleProblems));

  const articles = allArticles.filter((a) => !a.data.draft).sort(byTitle);
  const byId = new Map(articles.map((a) => [a.id, a]));

  const faq = await getCollection('faq');
  const faqProblems = checkFaq(faq.map(forCheck), new Set(byId.keys()));
  if (faqProblems.length) throw new Error(formatProblems('faq', faqProblems));
  faq.sort((a, b) => a.data.order - b.data.order || a.data.question.localeCompare(b.data.question));

  const byCategory = new Map<Category, Article[]>(
    categories.map((c) => [c, articles.filter((a) => a.data.category === c)]),
  );
  return { articles, faq, byId, byCategory };
}

function byTitle(a: Article, b: Article): number {
  return a.data.title.localeCompare(b.data.title);
}

/** The article's path on the site: `/refunds/partial-refunds/`. */
export function articlePath(article: Pick<Article, 'id'>): string {
  return `/${article.id}/`;
}

/** The article's slug, the last segment of its entry id. */
export function articleSlug(article: Pick<Article, 'id'>): string {
  return article.id.split('/').at(-1)!;
}

/** The FAQ entry's anchor on `/faq/`: its file name, which stays stable when the question is reworded. */
export function faqAnchor(entry: Pick<FaqEntry, 'id'>): string {
  return entry.id.split('/').at(-1)!;
}

export function faqPath(entry: Pick<FaqEntry, 'id'>): string {
  return `/faq/#${faqAnchor(entry)}`;
}

/** Articles per category page: enough to scan, few enough that a large library still gives small pages. */
export const CATEGORY_PAGE_SIZE = 50;

/** A category's articles split into pages (always at least one, possibly empty). */
export function categoryPages(articles: Article[]): Article[][] {
  const pages: Article[][] = [];
  for (let i = 0; i < articles.length; i += CATEGORY_PAGE_SIZE) pages.push(articles.slice(i, i + CATEGORY_PAGE_SIZE));
  return pages.length ? pages : [[]];
}

export function categoryPagePath(category: Category, page: number): string {
  return page === 1 ? `/${category}/` : `/${category}/page/${page}/`;
}
