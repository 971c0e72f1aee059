/**
 * The four sections of the help center. Each is a URL segment (`/refunds/`) and a search filter; their names and
 * descriptions are in `src/i18n/en.ts`. Kept free of imports so the browser's search client can use it without
 * pulling in the schema library.
 */
export const categories = ['refunds', 'fees', 'sources', 'accounts'] as const;
export type Category = (typeof categories)[number];
