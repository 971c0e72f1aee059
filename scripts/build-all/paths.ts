/** Where build:all reads and writes, and how long it waits. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** dist/deploy/<target>/ for each build, with its log beside it. */
export const OUT = path.join(ROOT, 'dist', 'deploy');
/** `npm run build`'s script: `astro build`, then the search index in a process of its own. */
export const BUILD = path.join(ROOT, 'scripts', 'build.ts');
export const WRANGLER = path.join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
export const BUILD_TIMEOUT_MS = 10 * 60_000;
export const RUN_TIMEOUT_MS = 90_000;
