/**
 * `npm run search:quality [-- --set tuning|held-out] [--json file] [--ranking '{"termFrequency":0.5}']`: how well
 * the search ranks, on the tuning set and on the held-out set. Needs a built site (`npm run build`). Prints the
 * misses of each set (query, expected articles, first three article results), then success@1, success@3 and MRR@5.
 */
import { writeFileSync } from 'node:fs';
import { parseCommandLine } from './lib/args.ts';
import { launchBrowser, startSite } from './lib/browser-site.ts';
import {
  figures,
  loadQueries,
  measureSearchQuality,
  querySets,
  useRanking,
  type Figures,
  type QueryOutcome,
  type QuerySetName,
  type RankingOptions,
} from './lib/search-quality.ts';
import { table } from './lib/table.ts';

const usage = `usage: npm run search:quality [-- --set tuning|held-out] [--json <file>] [--ranking <json>]
Runs the query sets in tests/search/ through the search of the built site (npm run build first) and reports,
for each set, success@1, success@3 and MRR@5 over article results, and the misses.
  --set       one set only: tuning (what keywords, pins and synonyms are written for) or held-out (never tuned on)
  --json      also write every outcome and figure to this file
  --ranking   Pagefind ranking options to try instead of the site's, e.g. '{"termSimilarity":2}' (query-time only)`;
const { values } = parseCommandLine(usage, {
  set: { type: 'string' },
  json: { type: 'string' },
  ranking: { type: 'string' },
});
if (values.set !== undefined && !querySets.includes(values.set as QuerySetName)) {
  console.error(`--set wants tuning or held-out (got "${values.set}")\n\n${usage}`);
  process.exit(2);
}
let ranking: RankingOptions | undefined;
try {
  ranking = values.ranking ? (JSON.parse(values.ranking) as RankingOptions) : undefined;
} catch {
  console.error(`--ranking wants a JSON object, like '{"termFrequency":0.5}' (got ${values.ranking})\n\n${usage}`);
  process.exit(2);
}
const sets = values.set ? [values.set as QuerySetName] : [...querySets];

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const row = (name: string, f: Figures) => ({
  set: name,
  queries: f.queries,
  'success@1': percent(f.at1),
  'success@3': percent(f.at3),
  'MRR@5': f.mrr5.toFixed(3),
});

const [site, browser] = await Promise.all([startSite(), launchBrowser()]);
try {
  // Three pages at once: the queries are independent, and a run takes a third of the time.
  const pages = await Promise.all([1, 2, 3].map(() => browser.newPage()));
  if (ranking) await Promise.all(pages.map((page) => useRanking(page, ranking)));
  const results: Partial<Record<QuerySetName, { figures: Figures; outcomes: QueryOutcome[] }>> = {};
  const rows: ReturnType<typeof row>[] = [];
  for (const set of sets) {
    const { outcomes, figures: all } = await measureSearchQuality(pages, site.url, loadQueries(set));
    results[set] = { figures: all, outcomes };
    const misses = outcomes.filter((o) => o.rank !== 1);
    console.log(
      table(
        misses.map((o) => ({
          rank: o.rank ?? '–',
          query: o.q,
          expected: o.expect.join(', ') + (o.answerable ? '' : ' (not written yet)'),
          'top three articles': o.top.slice(0, 3).join(', ') || '(none)',
        })),
        `${set}: ${misses.length} of ${outcomes.length} queries without a right article first`,
      ),
    );
    rows.push(row(set, all));
    if (set === 'held-out') {
      const answerable = outcomes.filter((o) => o.answerable);
      if (answerable.length < outcomes.length) rows.push(row('  whose articles exist', figures(answerable)));
      for (const kind of [...new Set(outcomes.map((o) => o.kind).filter((k) => k !== undefined))])
        rows.push(row(`  ${kind} (articles exist)`, figures(answerable.filter((o) => o.kind === kind))));
    }
  }
  console.log(table(rows, `search quality${ranking ? ` with ranking ${JSON.stringify(ranking)}` : ''}`));
  if (values.json) writeFileSync(values.json, JSON.stringify({ ranking, sets: results }, null, 2));
} finally {
  await browser.close();
  await site.close();
}
