/**
 * After the build, hashes every inline script the pages contain and writes the site's security headers in the
 * target's format: `_headers` (static hosts: node, Netlify, Cloudflare) and, for node, `security-headers.json`
 * beside the client folder (read by `npm start`); on Vercel, a route in `.vercel/output/config.json`.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { headersFile, securityHeaders } from '../server/security-headers.ts';
import { afterBuild, prependVercelRoutes, type DeployTarget } from './target.ts';

/**
 * Hashed build assets (the shared stylesheet, the widgets' scripts) never change at their address. Cloudflare's
 * adapter says so in the `_headers` it writes before this integration runs, and writing `_headers` here replaces
 * that file, so the rule is written again; node's `_headers` (for a static host) gets it too.
 */
const immutableAssets = '/_astro/*\n  Cache-Control: public, max-age=31536000, immutable\n';

/**
 * A script element's text runs to the first `</script`, whatever it contains (the HTML spec's "script data"), so a
 * pattern finds every one exactly; a full HTML parse of every page cost seconds per 10,000 pages for the same answer.
 */
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const [, attributes = '', text = ''] of html.matchAll(SCRIPT)) {
    // Scripts with a src are files ('self'); JSON data blocks are not executed, so they need no hash.
    if (/\ssrc\s*=/i.test(attributes) || /\stype\s*=\s*["']?[^"'\s>]*json/i.test(attributes)) continue;
    hashes.push(`sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`);
  }
  return hashes;
}

export function securityHeadersIntegration({ target = 'node' }: { target?: DeployTarget } = {}): AstroIntegration {
  return afterBuild('help-center:security-headers', ({ root, projectRoot, logger }) => {
    const hashes = new Set<string>();
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'))) {
      for (const hash of inlineScriptHashes(readFileSync(path.join(root, file), 'utf8'))) hashes.add(hash);
    }
    const headers = securityHeaders({ scriptHashes: [...hashes].sort() });
    if (target === 'node') {
      // npm start sends the assets' cache rule itself (the Node adapter); the file is for a static host.
      writeFileSync(path.join(root, '_headers'), headersFile(headers) + immutableAssets);
      writeFileSync(path.join(root, '..', 'security-headers.json'), JSON.stringify(headers, null, 2));
    } else if (target === 'vercel') {
      // `continue`: the headers are added and routing goes on to the static file or the function.
      prependVercelRoutes(projectRoot, [{ src: '^/(.*)$', headers, continue: true }]);
    } else {
      // Netlify's static folder is the outDir itself, so nothing is written beside it. Netlify's adapter puts
      // the assets' cache rule in .netlify/v1/config.json.
      writeFileSync(
        path.join(root, '_headers'),
        headersFile(headers) + (target === 'cloudflare' ? immutableAssets : ''),
      );
    }
    const where = target === 'vercel' ? '.vercel/output/config.json' : '_headers';
    logger.info(
      `security headers written to ${where}, ${hashes.size} inline script hash${hashes.size === 1 ? '' : 'es'}`,
    );
  });
}
