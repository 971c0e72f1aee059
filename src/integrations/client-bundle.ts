/**
 * Bundles the search client to a fixed address (`/_help/search.js`) after the build. Pages start it from a few
 * bytes of inline script on the reader's first focus or shortcut, so no page fetches JavaScript before the reader
 * asks for search. Astro's own script pipeline can't do this: a bundled module with a dynamic import is always
 * emitted as an external file that every page loads up front.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { CLIENT_ENTRIES } from '../lib/client-assets.ts';

export function clientBundle(): AstroIntegration {
  return {
    name: 'help-center:client-bundle',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outdir = fileURLToPath(new URL('_help/', dir));
        const result = await esbuild.build({
          entryPoints: Object.fromEntries(CLIENT_ENTRIES.map((e) => [e.name, e.source])),
          outdir,
          bundle: true,
          minify: true,
          format: 'esm',
          target: 'es2022',
          // Pagefind's runtime is generated next to its index; it is fetched at run time, never bundled.
          external: ['/pagefind/*'],
          metafile: true,
          logLevel: 'silent',
        });
        const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
        logger.info(`bundled ${CLIENT_ENTRIES.length} client entries, ${bytes} bytes`);
      },
    },
  };
}
