/**
 * `npm run build [-- astro build options]`: `astro build`, then the Pagefind index in this small process once
 * Astro's has exited and released its memory (see src/integrations/pagefind.ts). Takes the options `astro build`
 * takes (e.g. `--outDir`); KB_TARGET and KB_CONTENT_DIR work as for `astro build`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexSite, type SearchIndexJob } from '../src/integrations/pagefind.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(path.join(tmpdir(), 'kb-build-'));
const jobFile = path.join(scratch, 'search-index.json');
const astro = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, KB_SEARCH_INDEX_JOB: jobFile } },
);
const job = astro.status === 0 ? (JSON.parse(readFileSync(jobFile, 'utf8')) as SearchIndexJob) : undefined;
rmSync(scratch, { recursive: true, force: true });
if (!job) process.exit(astro.status ?? 1);

const started = performance.now();
console.log('[help-center:pagefind] indexing the search in a process of its own');
const pages = await indexSite(job);
console.log(`[help-center:pagefind] indexed ${pages} pages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
