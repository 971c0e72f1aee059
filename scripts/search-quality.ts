/**
 * `npm run search:quality [-- --json file]`: the search-quality figure. Needs a built site (`npm run build`).
 * Prints each query with its top three results, then how many of the queries found a right article in the top three.
 */
import { writeFileSync } from 'node:fs';
import { parseCommandLine } from './lib/args.ts';
import { launchBrowser, startSite } from './lib/browser-site.ts';
import { loadQueries, measureSearchQuality } from './lib/search-quality.ts';
import { table } from './lib/table.ts';

const { values } = parseCommandLine(
  'usage: npm run search:quality [-- --json <file>]\nRuns tests/search/queries.json through the search of the built site (npm run build first).',
  { json: { type: 'string' } },
);
const queries = loadQueries();
const [site, browser] = await Promise.all([startSite(), launchBrowser()]);
try {
  const page = await browser.newPage();
  const { outcomes, found, share } = await measureSearchQuality(page, site.url, queries);
  const rows = outcomes.map((o) => ({
    '': o.found ? '✔' : '✖',
    query: o.q,
    'top three': o.top.join(', ') || '(no article results)',
  }));
  console.log(table(rows));
  console.log(
    `\nsearch quality: ${found} of ${outcomes.length} queries (${(share * 100).toFixed(1)}%) put a right article in the top three`,
  );
  if (values.json)
    writeFileSync(values.json, JSON.stringify({ found, total: outcomes.length, share, outcomes }, null, 2));
} finally {
  await browser.close();
  await site.close();
}
