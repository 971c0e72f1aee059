/**
 * After the build, turns the site's redirects (short links, former addresses; listed by the build in
 * `/redirects.json`, see src/lib/redirects.ts) into the target's own rules, so every host answers them with a real
 * 301 and no address needs a page of its own: `_redirects` in the static folder (read by Netlify, Cloudflare and
 * `npm start`), or routes in `.vercel/output/config.json` on Vercel (see target.ts).
 */
import type { AstroIntegration } from 'astro';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Redirect } from '../lib/redirects.ts';
import { afterBuild, prependVercelRoutes, vercelPathPattern, type DeployTarget, type VercelRoute } from './target.ts';

export type { Redirect };

/** The redirects a build listed in its static folder. */
export function readRedirectList(root: string): Redirect[] {
  return JSON.parse(readFileSync(path.join(root, 'redirects.json'), 'utf8')) as Redirect[];
}

/** One line per redirect, with and without the trailing slash, as `_redirects` matches paths exactly. */
export function redirectsFile(redirects: Redirect[]): string {
  return (
    redirects.flatMap(({ from, to }) => [`${from} ${to} 301`, `${from.replace(/\/$/, '')} ${to} 301`]).join('\n') + '\n'
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

export function redirectsIntegration({ target = 'node' }: { target?: DeployTarget } = {}): AstroIntegration {
  return afterBuild('help-center:redirects', ({ root, projectRoot, logger }) => {
    const redirects = readRedirectList(root);
    if (target === 'vercel') {
      prependVercelRoutes(projectRoot, vercelRedirectRoutes(redirects));
      logger.info(`${redirects.length} redirects written to .vercel/output/config.json`);
    } else {
      writeFileSync(path.join(root, '_redirects'), redirectsFile(redirects));
      logger.info(`${redirects.length} redirects written to _redirects`);
    }
  });
}
