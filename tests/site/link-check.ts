/**
 * Finds broken internal links and `#anchors` in a folder of built HTML: every `href` and `src` that stays on the
 * site must name a file that exists, and its fragment an `id` on that page. Reads the files directly (htmlparser2)
 * rather than crawling a server, so every link on every page is checked, not only the first visit of each page.
 * The site's own absolute URLs (canonical links) are checked as paths; other sites are skipped, since this machine
 * cannot reach them.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Parser } from 'htmlparser2';

export interface BrokenLink {
  page: string;
  link: string;
  reason: string;
}

interface Page {
  ids: Set<string>;
  links: string[];
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => path.join(dir, f));
}

function readPage(file: string): Page {
  const page: Page = { ids: new Set(), links: [] };
  const parser = new Parser({
    onopentag(name, attrs) {
      if (attrs.id) page.ids.add(attrs.id);
      if (name === 'a' && attrs.name) page.ids.add(attrs.name);
      for (const attr of ['href', 'src'] as const) {
        const value = attrs[attr];
        if (value !== undefined) page.links.push(value);
      }
    },
  });
  parser.end(readFileSync(file, 'utf8'));
  return page;
}

/** The file a path is served from, as a static host would: `/fees/` → `fees/index.html`. */
function fileFor(dir: string, pathname: string): string | undefined {
  const decoded = decodeURIComponent(pathname);
  const candidate = path.join(dir, decoded);
  if (decoded.endsWith('/'))
    return existsSync(path.join(candidate, 'index.html')) ? path.join(candidate, 'index.html') : undefined;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return undefined;
}

export function findBrokenLinks(
  dir: string,
  siteOrigin = process.env.SITE_URL ?? 'http://localhost:4321',
): { checked: number; broken: BrokenLink[] } {
  const root = path.resolve(dir);
  const pages = new Map(htmlFiles(root).map((f) => [f, readPage(f)]));
  const broken: BrokenLink[] = [];
  let checked = 0;
  for (const [file, page] of pages) {
    const pagePath = `/${path.relative(root, file).replace(/index\.html$/, '')}`;
    const base = new URL(pagePath, siteOrigin);
    for (const link of page.links) {
      if (/^(mailto|tel|data|javascript):/i.test(link)) continue;
      const url = new URL(link, base);
      if (url.origin !== base.origin) continue;
      checked++;
      const target = url.pathname === base.pathname ? file : fileFor(root, url.pathname);
      if (!target) {
        broken.push({ page: pagePath, link, reason: 'no such page' });
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && target.endsWith('.html')) {
        const ids = pages.get(target)?.ids ?? readPage(target).ids;
        if (!ids.has(fragment))
          broken.push({ page: pagePath, link, reason: `no element with id "${fragment}" on ${url.pathname}` });
      }
    }
  }
  return { checked, broken };
}
