/**
 * After the build, lists every redirect page (short links, former addresses) in `_redirects`, the format Netlify
 * and Cloudflare read, so hosts that can answer with a real 301 do; `npm start` reads the same file. On Vercel the
 * same list becomes routes in `.vercel/output/config.json` instead (see target.ts). The pages are the one source:
 * whatever the build made a redirect page for is listed, and nothing else. The same list takes those pages out of
 * the sitemap, which can't tell them from articles (it runs before them, as listed in the config).
 */
import type { AstroIntegration } from 'astro';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterBuild, prependVercelRoutes, vercelPathPattern, type DeployTarget, type VercelRoute } from './target.ts';

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

/**
 * One line per redirect, with and without the trailing slash, as `_redirects` matches paths exactly. `force`
 * writes Netlify's `301!`: Netlify otherwise serves a file that exists at the path (the redirect page itself)
 * instead of redirecting. Cloudflare always redirects first and does not accept the `!`.
 */
export function redirectsFile(redirects: Redirect[], { force = false }: { force?: boolean } = {}): string {
  const status = force ? '301!' : '301';
  return (
    redirects
      .flatMap(({ from, to }) => [`${from} ${to} ${status}`, `${from.replace(/\/$/, '')} ${to} ${status}`])
      .join('\n') + '\n'
  );
}

/** The redirects as Vercel routes: a permanent redirect each, matched with or without the trailing slash. */
export function vercelRedirectRoutes(redirects: Redirect[]): VercelRoute[] {
  return redirects.map(({ from, to }) => ({
    src: vercelPathPattern(from),
    status: 301,
    headers: { Location: to, 'Cache-Control': 'public, max-age=3600' },
  }));
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
    const kept = xml.replace(/<url><loc>([^<]+)<\/loc>.*?<\/url>/g, (entry, loc: string) =>
      paths.has(new URL(loc).pathname) ? '' : entry,
    );
    writeFileSync(path.join(root, file), kept);
  }
}

export function redirectsIntegration({ target = 'node' }: { target?: DeployTarget } = {}): AstroIntegration {
  return afterBuild('help-center:redirects', ({ root, projectRoot, logger }) => {
    const redirects = findRedirects(root);
    if (target === 'vercel') {
      prependVercelRoutes(projectRoot, vercelRedirectRoutes(redirects));
      logger.info(`${redirects.length} redirects written to .vercel/output/config.json`);
    } else {
      writeFileSync(path.join(root, '_redirects'), redirectsFile(redirects, { force: target === 'netlify' }));
      logger.info(`${redirects.length} redirects written to _redirects`);
    }
    pruneSitemaps(root, new Set(redirects.map((r) => r.from)));
  });
}
