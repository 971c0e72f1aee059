/**
 * `npm run bench:scale [-- --sizes 1000,10000] [--quick]`: the help center built from N generated articles, next to
 * a plain Astro + MDX + Pagefind baseline built from the same files.
 *
 * For each size: generates bench/tmp/content-N, builds the real site from it (`KB_CONTENT_DIR=… astro build
 * --outDir bench/tmp/site-N`, cold content cache), then the baseline (bench/tmp/baseline: `astro build` +
 * `pagefind --site dist`), measuring wall time, the peak RSS of each whole process tree, CPU time, output size and
 * file count and the Pagefind index. Build logs go to bench/tmp/logs/. Results: the "scale" section of
 * bench/results.json.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadavg } from 'node:os';
import { generateLibrary, type GenerateResult } from './generate-content.ts';
import { BASELINE_DIR, writeBaselineProject } from './baseline.ts';
import { folderSize, runMeasured, type Measured } from './lib/measure-process.ts';
import { table } from '../lib/table.ts';
import { categories } from '../../src/lib/categories.ts';
import { benchOptions, type BenchOptions } from './lib/options.ts';
import { ROOT, TMP_DIR, kb, log, mb, readResults, saveSection, secs } from './lib/report.ts';
import { ASTRO_BIN, buildSite } from './lib/sites.ts';

const OUR_MARKERS = {
  contentSynced: /\[content\] Synced content/,
  bundleStart: /Building (server|static) entrypoints/,
  renderStart: /(generating|prerendering) static routes/,
  completed: /✓ Completed in/,
  astroDone: /\[build\] Complete!/,
  indexStart: /indexing the search in a process of its own/,
  pagefind: /\[help-center:pagefind\] indexed/,
};
const BASELINE_MARKERS = {
  contentSynced: /\[content\] Synced content/,
  bundleStart: /Building (server|static) entrypoints/,
  renderStart: /(generating|prerendering) static routes/,
  completed: /✓ Completed in/,
};

export interface BuildFigures {
  wallMs: number;
  peakTreeRssBytes: number;
  peakProcessRssBytes: number;
  cpuS?: number;
  loadavgBefore: number;
  phasesMs: Record<string, number | undefined>;
  /** The highest tree RSS (MB) in each phase, to tell which one sets the peak. */
  phasePeakMB: Record<string, number | undefined>;
  /** Every run at this size, when there were several (the figures above are their medians). */
  runs?: { wallMs: number; cpuS?: number | undefined; peakTreeRssBytes: number }[];
  logFiles: string[];
}

export interface OutputFigures {
  bytes: number;
  files: number;
  /** The static part (what a host serves); the whole output for the baseline. */
  clientBytes: number;
  clientFiles: number;
  htmlPages: number;
  pagefindBytes: number;
  pagefindFiles: number;
  largestHtml: { path: string; bytes: number };
  /** The static output by kind of file. */
  breakdown: Record<string, { files: number; bytes: number }>;
  /** Inline `<style>` in all HTML pages together (inside the HTML figures). */
  inlineCssBytes: number;
}

export interface ScaleResult {
  size: number;
  measuredAt: string;
  content: GenerateResult;
  ours: { build: BuildFigures; output: OutputFigures };
  baseline: { build: BuildFigures; output: OutputFigures };
  /** Ours / baseline. `cpu` (user + system seconds) moves less than wall time when other work shares the cores. */
  ratios: { time: number; cpu?: number; memory: number; output: number; clientOutput: number; pagefind: number };
}

function first(times: number[] | undefined, after = 0): number | undefined {
  return times?.find((t) => t >= after);
}

function span(from: number | undefined, to: number | undefined): number | undefined {
  return from === undefined || to === undefined ? undefined : Math.round(to - from);
}

/** The build's phases as `[name, from ms, to ms]`, from when its log lines appeared. */
function phaseSpans(m: Measured, pagefindSeparate?: Measured): [string, number | undefined, number | undefined][] {
  const k = m.markers;
  const synced = first(k.contentSynced);
  const bundle = first(k.bundleStart);
  const render = first(k.renderStart);
  const rendered = first(k.completed, render ?? Infinity);
  const indexStart = first(k.indexStart);
  const indexed = first(k.pagefind);
  const astroDone = first(k.astroDone);
  // After the pages, Astro's own build hooks (adapter, sitemap, client bundle, headers, redirects) until its process
  // ends; Pagefind indexes after that, in a process of its own (ours and the baseline's).
  const astroEnd = astroDone ?? indexStart ?? (pagefindSeparate ? m.wallMs : indexed);
  return [
    ['start + content sync', 0, synced],
    ['types + build info', synced, bundle],
    ['vite bundle', bundle, render],
    ['render pages', render, rendered],
    ['after render (adapter, sitemap, headers, redirects)', rendered, astroEnd],
    ['pagefind index', indexStart ?? astroEnd, indexed ?? (pagefindSeparate ? m.wallMs : undefined)],
  ];
}

/** Where the build's time went. */
function phases(m: Measured, pagefindSeparate?: Measured): Record<string, number | undefined> {
  return Object.fromEntries(
    phaseSpans(m, pagefindSeparate).map(([name, from, to]) => [
      name,
      name === 'pagefind index' && pagefindSeparate ? Math.round(pagefindSeparate.wallMs) : span(from, to),
    ]),
  );
}

/** The highest tree RSS (MB) sampled in each phase, to tell which phase sets the peak. */
function phasePeaks(m: Measured, pagefindSeparate?: Measured): Record<string, number | undefined> {
  const peakIn = (from: number | undefined, to: number | undefined) => {
    if (from === undefined || to === undefined) return undefined;
    // Each sample is the peak of one second: a second that began before the phase belongs to the one before it.
    const inside = m.timeline.filter(([at]) => at >= from && at <= to).map(([, b]) => b);
    return inside.length ? Math.round(Math.max(...inside) / 2 ** 20) : undefined;
  };
  return Object.fromEntries(
    phaseSpans(m, pagefindSeparate).map(([name, from, to]) => [
      name,
      name === 'pagefind index' && pagefindSeparate
        ? Math.round(pagefindSeparate.peakTreeRssBytes / 2 ** 20)
        : peakIn(from, to),
    ]),
  );
}

function outputOf(dir: string, client: string, pagefind: string, isArticle: (rel: string) => boolean): OutputFigures {
  const all = folderSize(dir);
  const c = folderSize(client);
  const pf = folderSize(pagefind);
  let htmlPages = 0;
  let largest = { path: '', bytes: 0 };
  const groups: Record<string, { files: number; bytes: number }> = {};
  const add = (group: string, bytes: number) => {
    const g = (groups[group] ??= { files: 0, bytes: 0 });
    g.files += 1;
    g.bytes += bytes;
  };
  let inlineCss = 0;
  for (const entry of readdirSync(client, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const rel = path.relative(client, file).split(path.sep).join('/');
    const bytes = statSync(file).size;
    if (rel.startsWith('pagefind/')) add('Pagefind index and runtime', bytes);
    else if (entry.name.endsWith('.html')) {
      htmlPages += 1;
      if (bytes > largest.bytes) largest = { path: `/${rel}`, bytes };
      const html = readFileSync(file, 'utf8');
      add(
        isArticle(rel)
          ? 'HTML: article pages'
          : /http-equiv="refresh"/i.test(html)
            ? 'HTML: redirect stubs'
            : 'HTML: other pages',
        bytes,
      );
      for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) inlineCss += Buffer.byteLength(m[1]!);
    } else if (entry.name.endsWith('.md')) add('Markdown copies (.md)', bytes);
    else if (/\.(js|css)$/.test(entry.name)) add('JS and CSS files', bytes);
    else add('other files (feeds, sitemaps, JSON, …)', bytes);
  }
  return {
    bytes: all.bytes,
    files: all.files,
    clientBytes: c.bytes,
    clientFiles: c.files,
    htmlPages,
    pagefindBytes: pf.bytes,
    pagefindFiles: pf.files,
    largestHtml: largest,
    breakdown: groups,
    inlineCssBytes: inlineCss,
  };
}

function figures(m: Measured, loadavgBefore: number, extra?: Measured): BuildFigures {
  return {
    wallMs: Math.round(m.wallMs + (extra?.wallMs ?? 0)),
    peakTreeRssBytes: Math.max(m.peakTreeRssBytes, extra?.peakTreeRssBytes ?? 0),
    peakProcessRssBytes: Math.max(m.peakProcessRssBytes, extra?.peakProcessRssBytes ?? 0),
    cpuS:
      m.userCpuS === undefined
        ? undefined
        : Math.round((m.userCpuS + (m.systemCpuS ?? 0) + (extra?.userCpuS ?? 0) + (extra?.systemCpuS ?? 0)) * 10) / 10,
    loadavgBefore,
    phasesMs: phases(m, extra),
    phasePeakMB: phasePeaks(m, extra),
    logFiles: [m.logFile, ...(extra ? [extra.logFile] : [])],
  };
}

/** Builds per size: a 1,000-article build takes about half a minute and is noisy here, so the median of three. */
export function scaleRuns(size: number): number {
  return size <= 1000 ? 3 : 1;
}

/** The figures of the run with the median wall time, with the median of CPU time and peak memory across runs. */
function medianOf(runs: BuildFigures[]): BuildFigures {
  const mid = <T>(values: T[], by: (v: T) => number) => [...values].sort((x, y) => by(x) - by(y))[values.length >> 1]!;
  const byWall = mid(runs, (r) => r.wallMs);
  const cpu = runs.every((r) => r.cpuS !== undefined) ? mid(runs, (r) => r.cpuS!).cpuS : undefined;
  return {
    ...byWall,
    cpuS: cpu,
    peakTreeRssBytes: mid(runs, (r) => r.peakTreeRssBytes).peakTreeRssBytes,
    peakProcessRssBytes: mid(runs, (r) => r.peakProcessRssBytes).peakProcessRssBytes,
    runs: runs.map(({ wallMs, cpuS, peakTreeRssBytes }) => ({ wallMs, cpuS, peakTreeRssBytes })),
  };
}

async function buildOurs(size: number, contentRel: string, siteDir: string, run: number): Promise<BuildFigures> {
  log(`scale ${size}: building the help center into bench/tmp/site-${size} (run ${run})`);
  const load = loadavg()[0]!;
  const ours = await buildSite(contentRel, siteDir, `build-${size}-${run}`, OUR_MARKERS);
  log(`scale ${size}: built in ${secs(ours.wallMs)} s, peak ${mb(ours.peakTreeRssBytes)} MB`);
  return figures(ours, load);
}

async function buildBaseline(size: number, contentRel: string, run: number): Promise<BuildFigures> {
  log(`scale ${size}: building the plain Astro + MDX baseline (run ${run})`);
  writeBaselineProject(contentRel);
  const load = loadavg()[0]!;
  const build = await runMeasured(ASTRO_BIN, ['build'], {
    cwd: BASELINE_DIR,
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
    logFile: path.join(TMP_DIR, 'logs', `baseline-${size}-${run}.log`),
    markers: BASELINE_MARKERS,
  });
  if (build.exitCode !== 0) throw new Error(`the baseline build failed (exit ${build.exitCode}); see ${build.logFile}`);
  const pagefind = await runMeasured(path.join(ROOT, 'node_modules', '.bin', 'pagefind'), ['--site', 'dist'], {
    cwd: BASELINE_DIR,
    logFile: path.join(TMP_DIR, 'logs', `baseline-${size}-${run}-pagefind.log`),
  });
  if (pagefind.exitCode !== 0)
    throw new Error(`pagefind on the baseline failed (exit ${pagefind.exitCode}); see ${pagefind.logFile}`);
  log(`scale ${size}: baseline built in ${secs(build.wallMs + pagefind.wallMs)} s`);
  return figures(build, load, pagefind);
}

export async function runScale(size: number): Promise<ScaleResult> {
  const contentRel = `./bench/tmp/content-${size}`;
  const contentDir = path.join(ROOT, contentRel);
  log(`scale ${size}: generating ${contentRel}`);
  const content = generateLibrary(contentDir, size);
  const siteDir = path.join(TMP_DIR, `site-${size}`);

  // Side by side: each run builds both, taking turns at going first, so a slow spell on the machine falls on both.
  const ourRuns: BuildFigures[] = [];
  const baseRuns: BuildFigures[] = [];
  for (let run = 1; run <= scaleRuns(size); run++) {
    if (run % 2) {
      ourRuns.push(await buildOurs(size, contentRel, siteDir, run));
      baseRuns.push(await buildBaseline(size, contentRel, run));
    } else {
      baseRuns.push(await buildBaseline(size, contentRel, run));
      ourRuns.push(await buildOurs(size, contentRel, siteDir, run));
    }
  }

  const ourOut = outputOf(siteDir, path.join(siteDir, 'client'), path.join(siteDir, 'client', 'pagefind'), (rel) =>
    new RegExp(`^(${categories.join('|')})/[^/]+/index\\.html$`).test(rel),
  );
  const baseDist = path.join(BASELINE_DIR, 'dist');
  const baseOut = outputOf(baseDist, baseDist, path.join(baseDist, 'pagefind'), (rel) => rel.startsWith('articles/'));
  const ourFigures = medianOf(ourRuns);
  const baseFigures = medianOf(baseRuns);
  const r = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  return {
    size,
    measuredAt: new Date().toISOString(),
    content,
    ours: { build: ourFigures, output: ourOut },
    baseline: { build: baseFigures, output: baseOut },
    ratios: {
      time: r(ourFigures.wallMs, baseFigures.wallMs),
      cpu: ourFigures.cpuS !== undefined && baseFigures.cpuS ? r(ourFigures.cpuS, baseFigures.cpuS) : undefined,
      memory: r(ourFigures.peakTreeRssBytes, baseFigures.peakTreeRssBytes),
      output: r(ourOut.bytes, baseOut.bytes),
      clientOutput: r(ourOut.clientBytes, baseOut.clientBytes),
      pagefind: r(ourOut.pagefindBytes, baseOut.pagefindBytes),
    },
  };
}

export function scaleTables(results: ScaleResult[]): string {
  const rows = results.flatMap((s) => {
    const row = (name: string, b: BuildFigures, o: OutputFigures) => ({
      site: `${name} @ ${s.size}`,
      'build s': secs(b.wallMs),
      'CPU s': b.cpuS,
      'peak RSS MB (tree)': mb(b.peakTreeRssBytes),
      'largest proc MB': mb(b.peakProcessRssBytes),
      'output MB': mb(o.bytes),
      files: o.files,
      'static MB': mb(o.clientBytes),
      pages: o.htmlPages,
      'pagefind MB': mb(o.pagefindBytes),
      'pf files': o.pagefindFiles,
      'largest page KB': kb(o.largestHtml.bytes),
      'load before': b.loadavgBefore.toFixed(1),
    });
    return [
      row('help center', s.ours.build, s.ours.output),
      row('baseline', s.baseline.build, s.baseline.output),
      {
        site: `ratio @ ${s.size}`,
        'build s': `${s.ratios.time}×`,
        'CPU s': s.ratios.cpu === undefined ? undefined : `${s.ratios.cpu}×`,
        'peak RSS MB (tree)': `${s.ratios.memory}×`,
        'output MB': `${s.ratios.output}×`,
        'static MB': `${s.ratios.clientOutput}×`,
        'pagefind MB': `${s.ratios.pagefind}×`,
      },
    ];
  });
  const phaseRows = results.flatMap((s) =>
    (['ours', 'baseline'] as const).map((which) => ({
      build: `${which === 'ours' ? 'help center' : 'baseline'} @ ${s.size}`,
      ...Object.fromEntries(Object.entries(s[which].build.phasesMs).map(([k, v]) => [`${k} s`, secs(v)])),
    })),
  );
  const peakRows = results.flatMap((s) =>
    (['ours', 'baseline'] as const).map((which) => ({
      build: `${which === 'ours' ? 'help center' : 'baseline'} @ ${s.size}`,
      ...Object.fromEntries(Object.entries(s[which].build.phasePeakMB ?? {}).map(([k, v]) => [`${k} MB`, v])),
    })),
  );
  const runRows = results.flatMap((s) =>
    (['ours', 'baseline'] as const).flatMap((which) =>
      (s[which].build.runs ?? []).map((run, i) => ({
        build: `${which === 'ours' ? 'help center' : 'baseline'} @ ${s.size}`,
        run: i + 1,
        s: secs(run.wallMs),
        'CPU s': run.cpuS,
        'peak RSS MB': mb(run.peakTreeRssBytes),
      })),
    ),
  );
  const largest = results.flatMap((s) => [
    {
      site: `help center @ ${s.size}`,
      'largest page': s.ours.output.largestHtml.path,
      KB: kb(s.ours.output.largestHtml.bytes),
    },
    {
      site: `baseline @ ${s.size}`,
      'largest page': s.baseline.output.largestHtml.path,
      KB: kb(s.baseline.output.largestHtml.bytes),
    },
  ]);
  const breakdown = results.flatMap((s) =>
    (['ours', 'baseline'] as const).flatMap((which) => {
      const o = s[which].output;
      return [
        ...Object.entries(o.breakdown)
          .sort((a, b) => b[1].bytes - a[1].bytes)
          .map(([group, g]) => ({
            site: `${which === 'ours' ? 'help center' : 'baseline'} @ ${s.size}`,
            files: group,
            count: g.files,
            MB: mb(g.bytes),
            share: `${((g.bytes / o.clientBytes) * 100).toFixed(1)}%`,
          })),
        {
          site: `${which === 'ours' ? 'help center' : 'baseline'} @ ${s.size}`,
          files: '(of the HTML: inline <style>)',
          count: undefined,
          MB: mb(o.inlineCssBytes),
          share: `${((o.inlineCssBytes / o.clientBytes) * 100).toFixed(1)}%`,
        },
      ];
    }),
  );
  return [
    table(
      rows,
      'Scale: build of N generated articles (help center vs plain Astro + MDX + Pagefind; ratio = ours / baseline; "load before" = 1-min load average when the build started, on 2 cores)',
    ),
    table(breakdown, 'Where the static output goes'),
    table(phaseRows, 'Where the build time goes (from the build log; baseline pagefind is its separate CLI run)'),
    table(peakRows, 'Peak memory of the process tree in each phase (the baseline indexes in its own process)'),
    table(runRows, 'Every run (the figures above are the medians)'),
    table(largest, 'Largest HTML page'),
  ].join('');
}

export async function scaleBench(options: BenchOptions): Promise<ScaleResult[]> {
  const results: ScaleResult[] = [];
  for (const size of options.sizes) {
    results.push(await runScale(size));
    // Saved after each size, so a long run that is stopped keeps what it measured; sizes not measured this time
    // keep their earlier figures (each has its own date).
    const earlier = ((readResults().scale as { sizes?: ScaleResult[] } | undefined)?.sizes ?? []).filter(
      (e) => !results.some((r) => r.size === e.size),
    );
    saveSection('scale', { sizes: [...earlier, ...results].sort((a, b) => a.size - b.size) });
  }
  console.log(scaleTables(results));
  return results;
}

if (import.meta.main) {
  await scaleBench(
    benchOptions('bench:scale', 'Builds of generated libraries: the help center against a plain Astro + MDX baseline.'),
  );
  console.log('written to bench/results.json (section "scale")');
}
