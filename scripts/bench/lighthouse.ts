/**
 * `npm run bench:lighthouse [-- --runs 3] [--quick] [--dir <built site>] [--no-build]`: Lighthouse (the npm
 * package, its default mobile preset: simulated slow 4G and a 4× slower CPU) on each page type of the real site,
 * served by `npm start`'s server (scripts/start.ts: compression, security headers), in Debian's
 * Chromium started by chrome-launcher. Records the four category scores and LCP, CLS and TBT, from the median of
 * 3 runs by performance score (--runs N; --quick: 1). Reports go to bench/tmp/lighthouse/. Results: the
 * "lighthouse" section of bench/results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { findChromium } from '../lib/browser-site.ts';
import { PAGE_TYPES } from '../lib/pages.ts';
import { serveSite } from '../lib/serve-build.ts';
import { table } from '../lib/table.ts';
import { benchOptions, type BenchOptions } from './lib/options.ts';
import { TMP_DIR, log, saveSection } from './lib/report.ts';
import { realSite } from './lib/sites.ts';

export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export interface LighthouseRow {
  type: string;
  path: string;
  scores: { performance: number; accessibility: number; bestPractices: number; seo: number };
  lcpMs: number;
  cls: number;
  tbtMs: number;
  fcpMs: number;
  speedIndexMs: number;
  totalByteWeight: number;
  runs: number;
  lighthouseVersion: string;
  /** Audits that did not pass, with their score, for the performance-relevant and failing ones. */
  failing: { id: string; title: string; score: number | null; displayValue?: string }[];
  warnings: string[];
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

function rowOf(type: string, pagePath: string, lhr: Lhr, runs: number): LighthouseRow {
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const num = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  const failing = Object.values(lhr.audits)
    .filter(
      (a) =>
        a.score !== null &&
        a.score < 0.9 &&
        a.scoreDisplayMode !== 'informative' &&
        a.scoreDisplayMode !== 'manual' &&
        a.scoreDisplayMode !== 'notApplicable',
    )
    .map((a) => ({ id: a.id, title: a.title, score: a.score, displayValue: a.displayValue }));
  return {
    type,
    path: pagePath,
    scores: {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
    },
    lcpMs: Math.round(num('largest-contentful-paint')),
    cls: Math.round(num('cumulative-layout-shift') * 1000) / 1000,
    tbtMs: Math.round(num('total-blocking-time')),
    fcpMs: Math.round(num('first-contentful-paint')),
    speedIndexMs: Math.round(num('speed-index')),
    totalByteWeight: Math.round(num('total-byte-weight')),
    runs,
    lighthouseVersion: lhr.lighthouseVersion,
    failing,
    warnings: lhr.runWarnings,
  };
}

export async function lighthouseBench(options: BenchOptions): Promise<LighthouseRow[]> {
  // Three runs by default (the median is kept): one run swings with whatever else the 2 cores are doing.
  const runs = options.runs ?? (options.quick ? 1 : 3);
  const { dir } = await realSite(options);
  const site = await serveSite(dir);
  const reports = path.join(TMP_DIR, 'lighthouse');
  mkdirSync(reports, { recursive: true });
  const chrome = await chromeLauncher.launch({
    chromePath: findChromium(),
    chromeFlags: CHROME_FLAGS,
    logLevel: 'silent',
  });
  const rows: LighthouseRow[] = [];
  try {
    for (const { type, path: pagePath } of PAGE_TYPES) {
      const results: Lhr[] = [];
      for (let i = 0; i < runs; i++) {
        log(`lighthouse: ${type} ${pagePath}${runs > 1 ? ` (run ${i + 1}/${runs})` : ''}`);
        const result = await lighthouse(`${site.url}${pagePath}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${pagePath}`);
        if (result.lhr.runtimeError)
          throw new Error(
            `Lighthouse could not audit ${pagePath}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`,
          );
        results.push(result.lhr);
        writeFileSync(
          path.join(reports, `${pagePath.replace(/\W+/g, '_') || 'home'}-${i + 1}.json`),
          JSON.stringify(result.lhr),
        );
      }
      results.sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0));
      rows.push(rowOf(type, pagePath, results[Math.floor(results.length / 2)]!, runs));
    }
  } finally {
    chrome.kill();
    await site.close();
  }
  return rows;
}

export function lighthouseTables(rows: LighthouseRow[]): string {
  const main = rows.map((r) => ({
    page: `${r.type} ${r.path}`,
    perf: r.scores.performance,
    a11y: r.scores.accessibility,
    'best pr.': r.scores.bestPractices,
    SEO: r.scores.seo,
    'LCP ms': r.lcpMs,
    CLS: r.cls,
    'TBT ms': r.tbtMs,
    'FCP ms': r.fcpMs,
    'SI ms': r.speedIndexMs,
    'weight KB': (r.totalByteWeight / 1024).toFixed(1),
  }));
  const failing = rows.flatMap((r) =>
    r.failing.map((f) => ({ page: `${r.type} ${r.path}`, audit: f.id, score: f.score, value: f.displayValue ?? '' })),
  );
  return [
    table(
      main,
      `Lighthouse ${rows[0]?.lighthouseVersion ?? ''} (mobile preset, simulated throttling; Debian Chromium headless; served like npm start${(rows[0]?.runs ?? 1) > 1 ? `; median of ${rows[0]!.runs} runs` : ''})`,
    ),
    failing.length ? table(failing, 'Audits below 0.9') : '\nEvery scored audit is at 0.9 or above.\n',
  ].join('');
}

if (import.meta.main) {
  const rows = await lighthouseBench(
    benchOptions('bench:lighthouse', 'Lighthouse (mobile preset) on each page type of the real site.'),
  );
  saveSection('lighthouse', { preset: 'mobile (default config)', chromeFlags: CHROME_FLAGS, pages: rows });
  console.log(lighthouseTables(rows));
  console.log('written to bench/results.json (section "lighthouse")');
}
