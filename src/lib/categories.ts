/**
 * The sections of the help center. Each is a URL segment (`/refunds/`) and a search filter; their names and
 * descriptions are in `src/i18n/en.ts`. Kept free of imports so the browser's search client can use it without
 * pulling in the schema library.
 */
export const categories = ['refunds', 'disputes', 'fees', 'payouts', 'sources', 'accounts'] as const;
export type Category = (typeof categories)[number];

/** An article's entry id, `<category>/<slug>`: the file path under `content/articles/` without `.mdx`. */
export const articleIdPattern = new RegExp(`^(${categories.join('|')})/[a-z0-9-]+$`);
