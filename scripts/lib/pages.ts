/** The page types every page-level benchmark and budget measures, one real page of each. */
export const PAGE_TYPES = [
  { type: 'home', path: '/' },
  { type: 'category', path: '/refunds/' },
  { type: 'article', path: '/refunds/cancel-a-refund/' },
  { type: 'article + widget', path: '/refunds/partial-refunds/' },
  { type: 'FAQ', path: '/faq/' },
  { type: 'search', path: '/search/' },
] as const;

export type PageType = (typeof PAGE_TYPES)[number];

/** The word typed into search when a benchmark opens it. */
export const SEARCH_WORD = 'refund';
