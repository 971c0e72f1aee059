/**
 * `npm run bench:weight [-- --dir <built site>] [--no-build]`: page weight per page type on the real site in
 * Chromium: bytes by type (HTML, CSS, JS, fonts/images, search data) gzipped at level 9 here, raw, and as
 * transferred from the site served as `npm start` serves it (compression middleware), at load and after opening
 * search. Results: the "weight" section of bench/results.json.
 */
import { launchBrowser } from '../lib/browser-site.ts';
import { KINDS, measurePage, totals, type PageWeight } from '../lib/page-weight.ts';
import { PAGE_TYPES, SEARCH_WORD } from '../lib/pages.ts';
import { serveCounted, type Served } from '../lib/serve-build.ts';
import { table } from '../lib/table.ts';
import { benchOptions, type BenchOptions } from './lib/options.ts';
import { kb, log, saveSection } from './lib/report.ts';
import { realSite } from './lib/sites.ts';

/** How the last run was served: 'like npm start' (compressed) or 'static' (not compressed). */
export let served: Served['server'] = 'static';

export interface WeightRow {
  type: string;
  path: string;
  status: number;
  inline: PageWeight['inline'];
  load: Record<string, { files: number; raw: number; gzip: number; transfer: number }>;
  afterSearch: Record<string, { files: number; raw: number; gzip: number; transfer: number }>;
  files: PageWeight['fetched'];
}

export async function weightBench(options: BenchOptions): Promise<WeightRow[]> {
  const { dir } = await realSite(options);
  // Served as npm start serves it, behind a proxy that counts what each response sent.
  const site = await serveCounted(dir);
  served = site.server;
  const browser = await launchBrowser();
  const rows: WeightRow[] = [];
  try {
    for (const { type, path } of PAGE_TYPES) {
      log(`weight: ${type} ${path}`);
      const w = await measurePage(browser, site, path, { openSearch: SEARCH_WORD });
      const by = (phaseFilter: (p: 'load' | 'search') => boolean) =>
        Object.fromEntries([
          ...KINDS.map((k) => [k, totals(w.fetched, (f) => f.kind === k && phaseFilter(f.phase))] as const),
          ['total', totals(w.fetched, (f) => phaseFilter(f.phase))] as const,
        ]);
      rows.push({
        type,
        path,
        status: w.status,
        inline: w.inline,
        load: by((p) => p === 'load'),
        afterSearch: by(() => true),
        files: w.fetched,
      });
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return rows;
}

export function weightTables(rows: WeightRow[]): string {
  const line = (r: WeightRow, phase: 'load' | 'afterSearch') => {
    const t = r[phase];
    return {
      page: `${r.type} ${r.path}`,
      when: phase === 'load' ? 'load' : `+ search "${SEARCH_WORD}"`,
      ...Object.fromEntries(KINDS.map((k) => [`${k} gz`, kb(t[k]!.gzip)])),
      'total gz KB': kb(t.total!.gzip),
      'raw KB': kb(t.total!.raw),
      'transfer KB': kb(t.total!.transfer),
      requests: t.total!.files,
    };
  };
  const inline = rows.map((r) => ({
    page: `${r.type} ${r.path}`,
    'HTML raw KB': kb(r.load.html!.raw),
    'HTML gz KB': kb(r.load.html!.gzip),
    'inline CSS raw KB': kb(r.inline.css.raw),
    'inline CSS gz KB': kb(r.inline.css.gzip),
    'inline JS raw KB': kb(r.inline.js.raw),
    'inline JS gz KB': kb(r.inline.js.gzip),
    'inline scripts': r.inline.js.count,
    'JS files at load': r.load.js!.files,
    'JS at load KB (raw)': kb(r.load.js!.raw),
  }));
  return [
    table(
      rows.flatMap((r) => [line(r, 'load'), line(r, 'afterSearch')]),
      `Page weight in Chromium (KB gzipped at level 9 per file, by type; raw = uncompressed; transfer = body + headers as sent, served ${served === 'static' ? 'by the static server, uncompressed' : `like npm start (encodings sent: ${[...new Set(rows.flatMap((r) => r.files.map((f) => f.encoding ?? 'none')))].join(', ')})`})`,
    ),
    table(inline, 'Inside the HTML (inline CSS/JS are part of the HTML figures)'),
  ].join('');
}

if (import.meta.main) {
  const rows = await weightBench(
    benchOptions('bench:weight', 'Page weight in Chromium of each page type of the real site.'),
  );
  saveSection('weight', { searchWord: SEARCH_WORD, servedBy: served, pages: rows });
  console.log(weightTables(rows));
  console.log('written to bench/results.json (section "weight")');
}
