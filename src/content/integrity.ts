/**
 * Checks that span entries, which a per-file schema cannot see: unique article numbers, slugs and aliases,
 * `related` and FAQ `article` references that resolve, and a category that matches the folder.
 * Each problem names the file and the field so a writer can fix it without reading code.
 */
import { articleIdPattern } from '../lib/categories.ts';

export interface EntryForCheck {
  /** The entry id: `<category>/<slug>` for articles, `<category>/<question-slug>` for FAQ entries. */
  id: string;
  /** The file, relative to the project, for messages. */
  filePath: string;
  data: Record<string, unknown>;
  /** The Markdown body, for checks that read the text (FAQ answers that repeat each other). */
  body?: string;
}

export interface Problem {
  filePath: string;
  field: string;
  message: string;
}

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function folderOf(id: string): string {
  return id.split('/')[0] ?? '';
}

function slugOf(id: string): string {
  return id.split('/').at(-1) ?? id;
}

export function checkArticles(articles: EntryForCheck[]): Problem[] {
  const problems: Problem[] = [];
  const ids = new Set(articles.map((a) => a.id));
  const published = new Set(articles.filter((a) => a.data.draft !== true).map((a) => a.id));
  const firstWithNumber = new Map<number, EntryForCheck>();
  const firstWithSlug = new Map<string, EntryForCheck>();
  const firstWithTitle = new Map<string, EntryForCheck>();
  const aliasOwner = new Map<string, EntryForCheck>();

  for (const article of articles) {
    const { data, filePath } = article;
    if (data.category !== folderOf(article.id)) {
      problems.push({ filePath, field: 'category', message: `is "${String(data.category)}" but the file is in the "${folderOf(article.id)}" folder; move the file or change the category` });
    }
    if (!articleIdPattern.test(article.id)) {
      problems.push({ filePath, field: '(file name)', message: 'articles live at content/articles/<category>/<slug>.mdx with a lowercase, hyphenated slug' });
    }

    const number = data.id as number;
    const sameNumber = firstWithNumber.get(number);
    if (sameNumber) problems.push({ filePath, field: 'id', message: `${number} is already the number of ${sameNumber.filePath}; article numbers are never shared or reused` });
    else firstWithNumber.set(number, article);

    const slug = slugOf(article.id);
    const sameSlug = firstWithSlug.get(slug);
    if (sameSlug) problems.push({ filePath, field: '(slug)', message: `"${slug}" is also the slug of ${sameSlug.filePath}; slugs are unique across categories` });
    else firstWithSlug.set(slug, article);

    // Two articles with one title would look like duplicates in search results and lists.
    const title = String(data.title ?? '').trim().toLowerCase();
    const sameTitle = firstWithTitle.get(title);
    if (sameTitle) problems.push({ filePath, field: 'title', message: `"${String(data.title)}" is also the title of ${sameTitle.filePath}` });
    else firstWithTitle.set(title, article);

    for (const ref of asStrings(data.related)) {
      if (ref === article.id) problems.push({ filePath, field: 'related', message: `"${ref}" is this article itself` });
      else if (!ids.has(ref)) problems.push({ filePath, field: 'related', message: `"${ref}" is not an article (expected <category>/<slug> of a file under content/articles/)` });
      else if (data.draft !== true && !published.has(ref)) problems.push({ filePath, field: 'related', message: `"${ref}" is a draft, so the link would be broken` });
    }
  }

  for (const article of articles) {
    for (const alias of asStrings(article.data.aliases)) {
      const { filePath } = article;
      if (ids.has(alias)) problems.push({ filePath, field: 'aliases', message: `"${alias}" is the address of an existing article; an alias must be a former address that is free` });
      const owner = aliasOwner.get(alias);
      if (owner) problems.push({ filePath, field: 'aliases', message: `"${alias}" is already an alias of ${owner.filePath}` });
      else aliasOwner.set(alias, article);
    }
  }
  return problems;
}

export function checkFaq(entries: EntryForCheck[], articleIds: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const firstWithSlug = new Map<string, EntryForCheck>();
  const slugs = new Set(entries.map((entry) => slugOf(entry.id)));
  const aliasOwner = new Map<string, EntryForCheck>();
  for (const entry of entries) {
    const { data, filePath } = entry;
    if (data.category !== folderOf(entry.id)) {
      problems.push({ filePath, field: 'category', message: `is "${String(data.category)}" but the file is in the "${folderOf(entry.id)}" folder` });
    }
    // The file name is the question's anchor on /faq/, so two files with one name would share an anchor.
    const slug = slugOf(entry.id);
    const same = firstWithSlug.get(slug);
    if (same) problems.push({ filePath, field: '(file name)', message: `"${slug}" is also used by ${same.filePath}; each question needs its own anchor` });
    else firstWithSlug.set(slug, entry);
    const article = data.article;
    if (typeof article === 'string' && !articleIds.has(article)) {
      problems.push({ filePath, field: 'article', message: `"${article}" is not a published article (expected <category>/<slug>)` });
    }
    // An alias keeps a merged question's anchor alive, so it must be free and lead to one answer only.
    for (const alias of asStrings(data.aliases)) {
      if (slugs.has(alias)) problems.push({ filePath, field: 'aliases', message: `"${alias}" is the anchor of an existing question; an alias must be the slug of a question merged away` });
      const owner = aliasOwner.get(alias);
      if (owner) problems.push({ filePath, field: 'aliases', message: `"${alias}" is already an alias of ${owner.filePath}` });
      else aliasOwner.set(alias, entry);
    }
  }
  return [...problems, ...checkRepeatedAnswers(entries)];
}

/** Answers this similar in wording say the same thing: a reader finds two answers and trusts neither. */
export const SAME_ANSWER = 0.75;
/** Questions this similar are one question asked twice; their answers need only share the subject to be a pair. */
export const SAME_QUESTION = 0.8;
const SAME_SUBJECT = 0.5;

/**
 * FAQ answers that repeat each other. Wording is compared, not meaning: the cosine of the content words of two
 * answers, and of their questions weighted by how rare each word is across the FAQ (so "refund", on every page,
 * counts for little). Wording is all it sees: on the library before the December 2026 merges it caught three of the
 * five pairs merged by hand (the two it missed said the same in other words), and none of the neighbouring questions
 * that share a subject but not an answer (how long a refund takes; what to do when it never arrived).
 */
export function checkRepeatedAnswers(entries: EntryForCheck[]): Problem[] {
  const texts = entries.map((entry) => ({ entry, question: contentWords(String(entry.data.question ?? '')), answer: contentWords(entry.body ?? '') }));
  const documentFrequency = new Map<string, number>();
  for (const { question, answer } of texts) for (const word of new Set([...question, ...answer])) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  const rarity = (word: string) => Math.log(1 + texts.length / (documentFrequency.get(word) ?? 1));
  const vectors = texts.map(({ entry, question, answer }) => ({ entry, answer: counts(answer, () => 1), question: counts(question, rarity) }));

  const problems: Problem[] = [];
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) {
      const a = vectors[i]!;
      const b = vectors[j]!;
      const answers = cosine(a.answer, b.answer);
      const questions = cosine(a.question, b.question);
      if (answers >= SAME_ANSWER || (questions >= SAME_QUESTION && answers >= SAME_SUBJECT)) {
        problems.push({
          filePath: b.entry.filePath,
          field: '(answer)',
          message: `says the same as ${a.entry.filePath} (answers ${percent(answers)} alike, questions ${percent(questions)}); merge them into one answer and list the removed slug in its aliases`,
        });
      }
    }
  }
  return problems;
}

const STOP_WORDS = new Set(
  'a an the and or but if then to of in on for with at by from is are was were be been it its this that these those you your i my me we our us can do does did not no yes will would should could how what when where why which who there their they them as so than more most also only just about into out up over any all each other some such very too get gets got'.split(' '),
);

function contentWords(markdown: string): string[] {
  const prose = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase();
  return (prose.match(/[a-z0-9_$%]+(?:\.[a-z0-9]+)*/g) ?? []).filter((word) => word.length > 1 && !STOP_WORDS.has(word));
}

function counts(words: string[], weight: (word: string) => number): Map<string, number> {
  const tally = new Map<string, number>();
  for (const word of words) tally.set(word, (tally.get(word) ?? 0) + 1);
  for (const [word, n] of tally) tally.set(word, n * weight(word));
  return tally;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [word, value] of a) dot += value * (b.get(word) ?? 0);
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((sum, x) => sum + x * x, 0));
  return dot === 0 ? 0 : dot / (norm(a) * norm(b));
}

const percent = (x: number) => `${Math.round(x * 100)} %`;

export function formatProblems(collection: string, problems: Problem[]): string {
  const lines = problems.map((p) => `  ${p.filePath}: ${p.field}: ${p.message}`);
  return `The ${collection} collection has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`;
}
