/**
 * `npm run bench:css [-- --runs 3] [--no-build]`: inline CSS on every page, or stylesheets a browser caches? The
 * real site built three ways, side by side in one run:
 *
 * - `inline`: every page carries its CSS in a `<style>` (`build.inlineStylesheets: 'always'`);
 * - `split`: Astro's default (`'auto'`): per-page stylesheet chunks, the small ones inlined;
 * - `one file`: one stylesheet for the whole site (`'never'` and Vite's `cssCodeSplit: false`), so the first page
 *   a reader opens fetches it and every later page finds it in the cache.
 *
 * For each: the output size (the client folder, and its HTML and CSS), the bytes a reader's browser receives on a
 * first visit (an article) and on the next pages viewed (another article, the FAQ, the home page), compressed as
 * `npm start` sends them, counted by a proxy in front of the server in a fresh Chromium context; the Cache-Control
 * sent with the stylesheets; and Lighthouse (mobile preset, median of --runs) on the first view of an article, the
 * FAQ and the home page, the runs interleaved. Results: the "cssDelivery" section of bench/results.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import { findChromium, launchBrowser } from '../lib/browser-site.ts';
import { clientDir, serveCounted } from '../lib/serve-build.ts';
import { table } from '../lib/table.ts';
import { CHROME_FLAGS, auditPage, medianRow, type Audited, type LighthouseRow } from './lighthouse.ts';
import { benchOptions } from './lib/options.ts';
import { ROOT, TMP_DIR, kb, log, saveSection } from './lib/report.ts';

/** The Astro config each way overrides (given to Astro's `build()` as inline config, over astro.config.mjs). */
const WAYS = {
  inline: { build: { inlineStylesheets: 'always' }, vite: { build: { cssCodeSplit: true } } },
  split: { build: { inlineStylesheets: 'auto' }, vite: { build: { cssCodeSplit: true } } },
  'one file': { build: { inlineStylesheets: 'never' }, vite: { build: { cssCodeSplit: false } } },
} as const;
type Way = keyof typeof WAYS;

/** A first visit, then the pages a reader goes on to, in one browser context (its cache kept between them). */
const VISIT = ['/refunds/cancel-a-refund/', '/refunds/partial-refunds/', '/faq/', '/'];
const AUDITED = [
  { type: 'article', path: '/refunds/cancel-a-refund/' },
  { type: 'FAQ', path: '/faq/' },
  { type: 'home', path: '/' },
];

const dirOf = (way: Way) => path.join(TMP_DIR, `site-css-${way.replace(/\W+/g, '-')}`);

function build(way: Way): void {
  log(`css: building the real site with ${way} CSS into ${path.relative(ROOT, dirOf(way))}`);
  const code = `import { build } from 'astro';
await build({ root: ${JSON.stringify(ROOT)}, outDir: ${JSON.stringify(dirOf(way))}, logLevel: 'warn', ...${JSON.stringify(WAYS[way])} });`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: ROOT,
    env: { ...process.env, KB_CONTENT_DIR: './content', ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`the ${way} build failed:\n${run.stderr}`);
}

function sizes(dir: string): { total: number; html: number; css: number; cssFiles: number } {
  const out = { total: 0, html: 0, css: 0, cssFiles: 0 };
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stat = statSync(path.join(dir, file));
    if (!stat.isFile()) continue;
    out.total += stat.size;
    if (file.endsWith('.html')) out.html += stat.size;
    if (file.endsWith('.css')) {
      out.css += stat.size;
      out.cssFiles++;
    }
  }
  return out;
}

export interface CssWay {
  way: Way;
  output: ReturnType<typeof sizes>;
  /** Bytes received per page of the visit, as sent (compressed), all files; and the CSS files among them. */
  visit: { path: string; bytes: number; cssBytes: number; files: number }[];
  /** Cache-Control sent with the stylesheets (none for inline). */
  cssCacheControl: string | undefined;
  lighthouse: LighthouseRow[];
}

const options = benchOptions('bench:css', 'Inline CSS against cached stylesheets, on the real site.');
const runs = options.runs ?? (options.quick ? 1 : 3);
const ways = Object.keys(WAYS) as Way[];
for (const way of ways) if (!options.noBuild || !existsSync(path.join(dirOf(way), 'client', 'index.html'))) build(way);

const sites = await Promise.all(ways.map((way) => serveCounted(dirOf(way))));
const results: CssWay[] = [];
try {
  const browser = await launchBrowser();
  for (const [i, way] of ways.entries()) {
    const site = sites[i]!;
    const context = await browser.newContext();
    const page = await context.newPage();
    const visit: CssWay['visit'] = [];
    let cssCacheControl: string | undefined;
    page.on('response', (response) => {
      if (response.url().endsWith('.css')) cssCacheControl = response.headers()['cache-control'];
    });
    for (const pagePath of VISIT) {
      const from = site.served.length;
      await page.goto(`${site.url}${pagePath}`, { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
      const served = site.served.slice(from);
      visit.push({
        path: pagePath,
        bytes: served.reduce((sum, s) => sum + s.bytes, 0),
        cssBytes: served.filter((s) => s.path.endsWith('.css')).reduce((sum, s) => sum + s.bytes, 0),
        files: served.length,
      });
    }
    await context.close();
    results.push({ way, output: sizes(clientDir(dirOf(way))), visit, cssCacheControl, lighthouse: [] });
  }
  await browser.close();

  const chrome = await chromeLauncher.launch({
    chromePath: findChromium(),
    chromeFlags: CHROME_FLAGS,
    logLevel: 'silent',
  });
  const audited = new Map<string, Audited[]>();
  try {
    for (let run = 0; run < runs; run++)
      for (const page of AUDITED)
        for (const [i, way] of [...ways.entries()].map((_, k, all) => all[(k + run) % all.length]!)) {
          log(`css: lighthouse ${page.path} [${way}] (run ${run + 1}/${runs})`);
          const { lhr, cpu } = await auditPage(`${sites[i]!.url}${page.path}`, chrome.port, page);
          audited.set(`${way} ${page.path}`, [...(audited.get(`${way} ${page.path}`) ?? []), { lhr, cpu }]);
        }
  } finally {
    chrome.kill();
  }
  for (const result of results)
    result.lighthouse = AUDITED.map((page) =>
      medianRow(page, result.way, audited.get(`${result.way} ${page.path}`)!, {}),
    );
} finally {
  for (const site of sites) await site.close();
}

saveSection('cssDelivery', { runs, visit: VISIT, ways: results });
console.log(
  table(
    results.map((r) => ({
      CSS: r.way,
      'output KB': kb(r.output.total),
      'HTML KB': kb(r.output.html),
      'CSS files': r.output.cssFiles,
      'CSS KB': kb(r.output.css),
      ...Object.fromEntries(
        r.visit.map((v, i) => [`${i === 0 ? 'first' : `then ${i + 1}.`} ${v.path} KB`, kb(v.bytes)]),
      ),
      'CSS cache': r.cssCacheControl ?? '–',
    })),
    'Output, and bytes received page by page in one visit (compressed as npm start sends them)',
  ),
);
console.log(
  table(
    results.flatMap((r) =>
      r.lighthouse.map((l) => ({
        page: `${l.type} ${l.path}`,
        CSS: r.way,
        perf: l.scores.performance,
        a11y: l.scores.accessibility,
        'best pr.': l.scores.bestPractices,
        SEO: l.scores.seo,
        'FCP ms': l.fcpMs,
        'LCP ms': l.lcpMs,
        'TBT ms': l.tbtMs,
        'SI ms': l.speedIndexMs,
        'weight KB': kb(l.totalByteWeight),
      })),
    ),
    `Lighthouse, first view (mobile preset; median of ${runs})`,
  ),
);
