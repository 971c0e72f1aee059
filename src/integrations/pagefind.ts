/**
 * Builds the Pagefind index as the last step of `astro build`, so one command yields the site and its search.
 * Uses Pagefind's Node API rather than its CLI so the index is written straight into the client output folder,
 * whichever adapter produced it.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as pagefind from 'pagefind';

export function pagefindIndex(): AstroIntegration {
  return {
    name: 'help-center:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        // Code examples stay out of the index: their tokens (ids, keys, field lists) match queries by accident and
        // make the index and every result's fragment bigger; the prose around them names what a reader searches for.
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: ['pre'] });
        if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
        try {
          const added = await index.addDirectory({ path: site });
          if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
          if (written.errors.length)
            throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
          logger.info(`indexed ${added.page_count} pages`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
