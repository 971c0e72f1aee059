/** The search client, loaded on demand: the header's search-as-you-type and the full results page. */
export { mountHeaderSearch } from './header-search.ts';
export { mountSearchPage } from './search-page.ts';
