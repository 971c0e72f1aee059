/** The check every platform shares: the static files a reader needs first. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { firstArticle, listFiles } from './files.ts';
import type { Check } from './types.ts';

/** The home page, one article, the 404 page, the Pagefind runtime and index and the search client, counted. */
export function checkStatic(staticDir: string): Check {
  if (!existsSync(staticDir)) return { ok: false, text: `no ${staticDir}` };
  const needed = [
    'index.html',
    `${firstArticle()}/index.html`,
    '404.html',
    'pagefind/pagefind.js',
    'pagefind/pagefind-entry.json',
    '_help/search.js',
  ];
  const missing = needed.filter((file) => !existsSync(path.join(staticDir, file)));
  if (missing.length) return { ok: false, text: `missing ${missing.join(', ')}` };
  const files = listFiles(staticDir);
  const pages = files.filter((file) => file.endsWith('index.html')).length;
  return { ok: true, text: `${files.length} files, ${pages} pages, pagefind ✓` };
}
