/** The page's one search, over the site's own Pagefind and files: the header and the results page share what it loads. */
import { createSearch, fetchJson, loadPagefind } from './engine.ts';

export const search = createSearch({ loadPagefind, fetchJson });
