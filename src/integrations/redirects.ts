/**
 * After the build, lists every redirect page (short links, former addresses) in `_redirects`, the format Netlify
 * and Cloudflare Pages read, so hosts that can answer with a real 301 do; `npm start` reads the same file. The pages
 * are the one source: whatever the build made a redirect page for is listed, and nothing else. The same list takes
 * those pages out of the sitemap, which can't tell them from articles (it runs before them, as listed in the config).
 */
import type { AstroIntegration } from 'astro';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REFRESH = /<meta http-equiv="refresh" content="0; url=([^"]+)"/;

export interface Redirect {
  from: string;
  to: string;
}

export function findRedirects(root: string): Redirect[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('index.html'))
    .flatMap((file) => {
      const target = REFRESH.exec(readFileSync(path.join(root, file), 'utf8'))?.[1];
      return target ? [{ from: `/${file.replace(/index\.html$/, '')}`, to: target }] : [];
    })
    .sort((a, b) => a.from.localeCompare(b.from));
}

/** One line per redirect, with and without the trailing slash, as `_redirects` matches paths exactly. */
export function redirectsFile(redirects: Redirect[]): string {
  return redirects.flatMap(({ from, to }) => [`${from} ${to} 301`, `${from.replace(/\/$/, '')} ${to} 301`]).join('\n') + '\n';
}

/** Reads a `_redirects` file back into a lookup: path → target. */
export function parseRedirects(text: string): Map<string, string> {
  return new Map(
    text
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((parts) => parts.length >= 2 && parts[0]!.startsWith('/'))
      .map((parts) => [parts[0]!, parts[1]!]),
  );
}

function pruneSitemaps(root: string, paths: ReadonlySet<string>): void {
  for (const file of readdirSync(root).filter((f) => /^sitemap-\d+\.xml$/.test(f))) {
    const xml = readFileSync(path.join(root, file), 'utf8');
    const kept = xml.replace(/<url><loc>([^<]+)<\/loc>.*?<\/url>/g, (entry, loc: string) => (paths.has(new URL(loc).pathname) ? '' : entry));
    writeFileSync(path.join(root, file), kept);
  }
}

export function redirectsIntegration(): AstroIntegration {
  return {
    name: 'help-center:redirects',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const redirects = findRedirects(root);
        writeFileSync(path.join(root, '_redirects'), redirectsFile(redirects));
        pruneSitemaps(root, new Set(redirects.map((r) => r.from)));
        logger.info(`${redirects.length} redirects written to _redirects`);
      },
    },
  };
}
