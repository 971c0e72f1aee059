/**
 * Checks that span entries, which a per-file schema cannot see: unique article numbers, slugs and aliases,
 * `related` and FAQ `article` references that resolve, and a category that matches the folder.
 * Each problem names the file and the field so a writer can fix it without reading code.
 */

export interface EntryForCheck {
  /** The entry id: `<category>/<slug>` for articles, `<category>/<question-slug>` for FAQ entries. */
  id: string;
  /** The file, relative to the project, for messages. */
  filePath: string;
  data: Record<string, unknown>;
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
    if (!/^(refunds|fees|sources|accounts)\/[a-z0-9-]+$/.test(article.id)) {
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
  }
  return problems;
}

export function formatProblems(collection: string, problems: Problem[]): string {
  const lines = problems.map((p) => `  ${p.filePath}: ${p.field}: ${p.message}`);
  return `The ${collection} collection has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`;
}
