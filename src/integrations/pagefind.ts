/**
 * Builds the Pagefind index once the pages are written, so one command yields the site and its search. Uses
 * Pagefind's Node API rather than its CLI so the index goes straight into the client output folder, whichever
 * adapter produced it.
 *
 * `npm run build` (scripts/build.ts) indexes after Astro's process has exited: by `astro:build:done` that process
 * still holds the whole build (at 10,000 articles several GB), and Pagefind's own process on top of it set the
 * build's peak memory. The build script names a job file in KB_SEARCH_INDEX_JOB; this integration then only writes
 * down where to index, and the script runs `indexSite` when Astro is gone. A plain `astro build` indexes in-process.
 */
import type { AstroIntegration } from 'astro';
import { cpSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as pagefind from 'pagefind';

/** What the build script needs to index a finished build. */
export interface SearchIndexJob {
  /** The static folder with the pages. */
  site: string;
  /** Other static folders that must hold the same index (Vercel copies the pages before the index exists). */
  mirrors: string[];
}

/** Indexes the pages under `site` into `site/pagefind` (and copies that folder into each mirror); the page count. */
export async function indexSite({ site, mirrors }: SearchIndexJob): Promise<number> {
  // Code examples stay out of the index: their tokens (ids, keys, field lists) match queries by accident and
  // make the index and every result's fragment bigger; the prose around them names what a reader searches for.
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: ['pre'] });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: site });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    for (const mirror of mirrors)
      cpSync(path.join(site, 'pagefind'), path.join(mirror, 'pagefind'), { recursive: true });
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}

export function pagefindIndex(): AstroIntegration {
  let root: URL;
  let vercel = false;
  return {
    name: 'help-center:pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
        vercel = config.adapter?.name === '@astrojs/vercel';
      },
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const jobFile = process.env.KB_SEARCH_INDEX_JOB;
        if (!jobFile) {
          logger.info(`indexed ${await indexSite({ site, mirrors: [] })} pages`);
          return;
        }
        // The Vercel adapter copies the client folder into .vercel/output/static in its own build:done hook,
        // before a deferred index exists.
        const mirrors = vercel ? [fileURLToPath(new URL('.vercel/output/static/', root))] : [];
        writeFileSync(jobFile, JSON.stringify({ site, mirrors } satisfies SearchIndexJob));
        logger.info('search index deferred until this process has exited');
      },
    },
  };
}
