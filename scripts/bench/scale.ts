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
import { benchOptions, type BenchOptions } from './lib/options.ts';
import { ROOT, TMP_DIR, kb, log, mb, readResults, saveSection, secs } from './lib/report.ts';
import { ASTRO_BIN, buildSite } from './lib/sites.ts';

const OUR_MARKERS = {
  contentSynced: /\[content\] Synced content/,
  bundleStart: /Building (server|static) entrypoints/,
  renderStart: /(generating|prerendering) static routes/,
  completed: /✓ Completed in/,
  sitemap: /\[@astrojs\/sitemap\]/,
  clientBundle: /\[help-center:client-bundle\]/,
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
  baseline: { build: BuildFigures; pagefind: { wallMs: number; peakTreeRssBytes: number }; output: OutputFigures };
  /** Ours / baseline. `cpu` (user + system seconds) moves less than wall time when other work shares the cores. */
  ratios: { time: number; cpu?: number; memory: number; output: number; clientOutput: number; pagefind: number };
}

function first(times: number[] | undefined, after = 0): number | undefined {
  return times?.find((t) => t >= after);
}

function span(from: number | undefined, to: number | undefined): number | undefined {
  return from === undefined || to === undefined ? undefined : Math.round(to - from);
}

/** Where the build's time went, from when its log lines appeared. */
function phases(m: Measured, pagefindSeparate?: Measured): Record<string, number | undefined> {
  const k = m.markers;
  const synced = first(k.contentSynced);
  const bundle = first(k.bundleStart);
  const render = first(k.renderStart);
  const rendered = first(k.completed, render ?? Infinity);
  const clientBundle = first(k.clientBundle);
  const indexed = first(k.pagefind);
  return {
    'start + content sync': span(0, synced),
    'types + build info': span(synced, bundle),
    'vite bundle': span(bundle, render),
    'render pages': span(render, rendered),
    // The client-bundle integration logs when its bundle is done, so what follows it is Pagefind's indexing.
    'after render (adapter, sitemap, client bundle)': span(
      rendered,
      clientBundle ?? (pagefindSeparate ? m.wallMs : undefined),
    ),
    'pagefind index':
      indexed !== undefined
        ? span(clientBundle ?? rendered, indexed)
        : pagefindSeparate
          ? Math.round(pagefindSeparate.wallMs)
          : undefined,
    'after pagefind': indexed !== undefined ? span(indexed, m.wallMs) : undefined,
  };
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
    logFiles: [m.logFile, ...(extra ? [extra.logFile] : [])],
  };
}

export async function runScale(size: number): Promise<ScaleResult> {
  const contentRel = `./bench/tmp/content-${size}`;
  const contentDir = path.join(ROOT, contentRel);
  log(`scale ${size}: generating ${contentRel}`);
  const content = generateLibrary(contentDir, size);

  const siteDir = path.join(TMP_DIR, `site-${size}`);
  log(`scale ${size}: building the help center into bench/tmp/site-${size}`);
  const ourLoad = loadavg()[0]!;
  const ours = await buildSite(contentRel, siteDir, `build-${size}`, OUR_MARKERS);
  log(`scale ${size}: built in ${secs(ours.wallMs)} s, peak ${mb(ours.peakTreeRssBytes)} MB`);

  log(`scale ${size}: building the plain Astro + MDX baseline`);
  writeBaselineProject(contentRel);
  const baseLoad = loadavg()[0]!;
  const baseBuild = await runMeasured(ASTRO_BIN, ['build'], {
    cwd: BASELINE_DIR,
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
    logFile: path.join(TMP_DIR, 'logs', `baseline-${size}.log`),
    markers: BASELINE_MARKERS,
  });
  if (baseBuild.exitCode !== 0)
    throw new Error(`the baseline build failed (exit ${baseBuild.exitCode}); see ${baseBuild.logFile}`);
  const basePagefind = await runMeasured(path.join(ROOT, 'node_modules', '.bin', 'pagefind'), ['--site', 'dist'], {
    cwd: BASELINE_DIR,
    logFile: path.join(TMP_DIR, 'logs', `baseline-${size}-pagefind.log`),
  });
  if (basePagefind.exitCode !== 0)
    throw new Error(`pagefind on the baseline failed (exit ${basePagefind.exitCode}); see ${basePagefind.logFile}`);
  log(`scale ${size}: baseline built in ${secs(baseBuild.wallMs + basePagefind.wallMs)} s`);

  const ourOut = outputOf(siteDir, path.join(siteDir, 'client'), path.join(siteDir, 'client', 'pagefind'), (rel) =>
    /^(refunds|fees|sources|accounts)\/[^/]+\/index\.html$/.test(rel),
  );
  const baseDist = path.join(BASELINE_DIR, 'dist');
  const baseOut = outputOf(baseDist, baseDist, path.join(baseDist, 'pagefind'), (rel) => rel.startsWith('articles/'));
  const ourFigures = figures(ours, ourLoad);
  const baseFigures = figures(baseBuild, baseLoad, basePagefind);
  const r = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  return {
    size,
    measuredAt: new Date().toISOString(),
    content,
    ours: { build: ourFigures, output: ourOut },
    baseline: {
      build: baseFigures,
      pagefind: { wallMs: Math.round(basePagefind.wallMs), peakTreeRssBytes: basePagefind.peakTreeRssBytes },
      output: baseOut,
    },
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
