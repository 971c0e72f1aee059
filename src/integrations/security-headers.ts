/**
 * After the build, hashes every inline script the pages contain and writes the site's security headers: into
 * `_headers` (static hosts) and `security-headers.json` beside the client folder (read by `npm start`).
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser } from 'htmlparser2';
import { headersFile, securityHeaders } from '../server/security-headers.ts';

export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  let inScript = false;
  let text = '';
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        // JSON data blocks are not executed, so they need no hash.
        inScript = name === 'script' && !attrs.src && !/json/.test(attrs.type ?? '');
        text = '';
      },
      ontext(chunk) {
        if (inScript) text += chunk;
      },
      onclosetag(name) {
        if (name === 'script' && inScript) hashes.push(`sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`);
        inScript = false;
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  return hashes;
}

export function securityHeadersIntegration(): AstroIntegration {
  return {
    name: 'help-center:security-headers',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const hashes = new Set<string>();
        for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'))) {
          for (const hash of inlineScriptHashes(readFileSync(path.join(root, file), 'utf8'))) hashes.add(hash);
        }
        const headers = securityHeaders({ scriptHashes: [...hashes].sort() });
        writeFileSync(path.join(root, '_headers'), headersFile(headers));
        writeFileSync(path.join(root, '..', 'security-headers.json'), JSON.stringify(headers, null, 2));
        logger.info(`security headers written, ${hashes.size} inline script hash${hashes.size === 1 ? '' : 'es'}`);
      },
    },
  };
}
