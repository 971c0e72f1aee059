/**
 * `npm run search:quality [-- --json file]`: the search-quality figure. Needs a built site (`npm run build`).
 * Prints each query with its top three results, then how many of the queries found a right article in the top three.
 */
import { writeFileSync } from 'node:fs';
import { launchBrowser, startSite } from './lib/browser-site.ts';
import { loadQueries, measureSearchQuality } from './lib/search-quality.ts';

const jsonAt = process.argv.indexOf('--json');
const queries = loadQueries();
const [site, browser] = await Promise.all([startSite(), launchBrowser()]);
try {
  const page = await browser.newPage();
  const { outcomes, found, share } = await measureSearchQuality(page, site.url, queries);
  for (const o of outcomes) console.log(`${o.found ? '✔' : '✖'} ${o.q.padEnd(48)} ${o.top.join(', ') || '(no article results)'}`);
  console.log(`\nsearch quality: ${found} of ${outcomes.length} queries (${(share * 100).toFixed(1)}%) put a right article in the top three`);
  if (jsonAt > 0) writeFileSync(process.argv[jsonAt + 1] ?? 'search-quality.json', JSON.stringify({ found, total: outcomes.length, share, outcomes }, null, 2));
} finally {
  await browser.close();
  await site.close();
}
