/**
 * `npm run bench [-- --quick] [--sizes 1000,10000] [--only a,b] [--skip a,b] [--runs N] [--dir <built site>]
 * [--no-build]`: every benchmark, then one summary table; figures in bench/results.json (`-- --help` lists them).
 *
 * Order: function, load (the function with its rate limit), page weight, Lighthouse, search on the real site, then the slow part: scale (generated 1,000 and
 * 10,000-article libraries, the help center and a plain Astro + MDX baseline built from each), and search on the
 * generated sites it built. `--quick` uses only the 1,000-article library. The real site is built once into
 * bench/tmp/site-real (`--dir` measures another build, `--no-build` reuses the last one).
 * A benchmark that fails is reported and the others still run; the exit code is then 1.
 */
import { SEARCH_WORD } from '../lib/pages.ts';
import { table, type Cell } from '../lib/table.ts';
import { functionBench, functionTables } from './function.ts';
import { lighthouseBench, lighthouseTables, CHROME_FLAGS, type LighthouseRow } from './lighthouse.ts';
import { loadBench, loadTables } from './load.ts';
import { scaleBench, type ScaleResult } from './scale.ts';
import { saveSearch, searchBench, searchTables, type SiteSearch } from './search.ts';
import { served, weightBench, weightTables, type WeightRow } from './weight.ts';
import type { FunctionReport } from './lib/function-load.ts';
import type { LoadReport } from './lib/load-report.ts';
import { benchOptions } from './lib/options.ts';
import { kb, log, mb, saveSection, secs } from './lib/report.ts';
import { realSite } from './lib/sites.ts';

const ALL = ['function', 'load', 'weight', 'lighthouse', 'search', 'scale'] as const;
type Bench = (typeof ALL)[number];

const options = benchOptions('bench', 'Every benchmark, then one summary table; figures in bench/results.json.');
for (const name of [...(options.only ?? []), ...options.skip]) {
  if (!(ALL as readonly string[]).includes(name)) {
    console.error(`bench: unknown benchmark "${name}"; the benchmarks are ${ALL.join(', ')}.`);
    process.exit(2);
  }
}
const wanted = (b: Bench) => (!options.only || options.only.includes(b)) && !options.skip.includes(b);
const failures: string[] = [];
const started = performance.now();

async function step<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  log(`── ${name}`);
  try {
    return await run();
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`✖ ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return undefined;
  }
}

let fn: FunctionReport | undefined;
let load: LoadReport | undefined;
let weight: WeightRow[] | undefined;
let lh: LighthouseRow[] | undefined;
const search: SiteSearch[] = [];
let scale: ScaleResult[] | undefined;

if (wanted('weight') || wanted('lighthouse') || wanted('search')) {
  await step('real site build', async () => {
    const { build } = await realSite(options);
    if (build)
      saveSection('realBuild', {
        wallMs: Math.round(build.wallMs),
        peakTreeRssBytes: build.peakTreeRssBytes,
        peakProcessRssBytes: build.peakProcessRssBytes,
        cpuS: (build.userCpuS ?? 0) + (build.systemCpuS ?? 0),
      });
  });
}
if (wanted('function')) {
  fn = await step('function', functionBench);
  if (fn) {
    saveSection('function', fn);
    console.log(functionTables(fn));
  }
}
if (wanted('load')) {
  load = await step('load', () => loadBench(options));
  if (load) {
    saveSection('load', load);
    console.log(loadTables(load));
    if (load.problems.length) failures.push(`load: ${load.problems.join('; ')}`);
  }
}
if (wanted('weight')) {
  weight = await step('page weight', () => weightBench(options));
  if (weight) {
    saveSection('weight', { searchWord: SEARCH_WORD, servedBy: served, pages: weight });
    console.log(weightTables(weight));
  }
}
if (wanted('lighthouse')) {
  lh = await step('lighthouse', () => lighthouseBench(options));
  if (lh) {
    saveSection('lighthouse', { preset: 'mobile (default config)', chromeFlags: CHROME_FLAGS, pages: lh });
    console.log(lighthouseTables(lh));
  }
}
if (wanted('search')) {
  const real = await step('search (real site)', () => searchBench(options, { sizes: [] }));
  if (real) {
    search.push(...real);
    saveSearch(real);
    console.log(searchTables(real));
  }
}
if (wanted('scale')) scale = await step('scale', () => scaleBench(options));
if (wanted('search')) {
  const generated = await step('search (generated sites)', () =>
    searchBench(options, { sizes: options.sizes, includeReal: false }),
  );
  if (generated) {
    search.push(...generated);
    saveSearch(generated);
    console.log(searchTables(generated));
  }
}

// ── One summary table ───────────────────────────────────────────────────────────────────────────────────────────
const rows: Record<string, Cell>[] = [];
const add = (benchmark: string, subject: string, figures: string) => rows.push({ benchmark, subject, figures });
for (const s of scale ?? []) {
  add(
    'scale',
    `${s.size} articles: help center`,
    `${secs(s.ours.build.wallMs)} s, ${mb(s.ours.build.peakTreeRssBytes)} MB peak RSS, ${mb(s.ours.output.bytes)} MB out (${mb(s.ours.output.clientBytes)} MB static, ${s.ours.output.files} files), index ${mb(s.ours.output.pagefindBytes)} MB`,
  );
  add(
    'scale',
    `${s.size} articles: baseline`,
    `${secs(s.baseline.build.wallMs)} s, ${mb(s.baseline.build.peakTreeRssBytes)} MB peak RSS, ${mb(s.baseline.output.bytes)} MB out (${s.baseline.output.files} files), index ${mb(s.baseline.output.pagefindBytes)} MB`,
  );
  add(
    'scale',
    `${s.size} articles: ratio ours/baseline`,
    `time ${s.ratios.time}× (CPU ${s.ratios.cpu ?? '–'}×), memory ${s.ratios.memory}×, output ${s.ratios.output}× (static ${s.ratios.clientOutput}×), index ${s.ratios.pagefind}×`,
  );
}
for (const s of search) {
  add(
    'search',
    s.site,
    `cold ${s.summary.coldKB.p50}/${s.summary.coldKB.p95} KB (gzip ${s.summaryGzip.coldKB.p50}/${s.summaryGzip.coldKB.p95}), cold ${s.summary.coldMs.p50}/${s.summary.coldMs.p95} ms, warm ${s.summary.warmMs.p50}/${s.summary.warmMs.p95} ms (p50/p95)`,
  );
}
for (const w of weight ?? []) {
  add(
    'weight',
    `${w.type} ${w.path}`,
    `load ${kb(w.load.total!.gzip)} KB gz (${kb(w.load.total!.transfer)} KB sent, JS ${kb(w.load.js!.gzip)} KB gz); after search ${kb(w.afterSearch.total!.gzip)} KB gz (${kb(w.afterSearch.total!.transfer)} KB sent)`,
  );
}
for (const l of lh ?? []) {
  add(
    'lighthouse',
    `${l.type} ${l.path}`,
    `perf ${l.scores.performance} · a11y ${l.scores.accessibility} · best ${l.scores.bestPractices} · SEO ${l.scores.seo} · LCP ${l.lcpMs} ms · CLS ${l.cls} · TBT ${l.tbtMs} ms`,
  );
}
if (fn) {
  add('function', 'start-up', `listening ${fn.startup.listening_ms} ms, first answer ${fn.startup.first_answer_ms} ms`);
  for (const e of fn.endpoints)
    add(
      'function',
      e.endpoint,
      `${e.requests_per_second} req/s, p50 ${e.latency_p50_ms} ms, p99 ${e.latency_p99_ms} ms, ${e.non_2xx} non-2xx`,
    );
}
for (const p of load?.phases ?? []) {
  add(
    'load',
    `${p.phase}: ${p.client}`,
    `${p.requests_per_second} req/s, ${p.ok_2xx} 2xx, ${p.rate_limited_429} 429, ${p.other_non_2xx + p.errors} other/errors, p99 ${p.latency_p99_ms} ms`,
  );
}
console.log(table(rows, `Summary (bench/results.json) — ${((performance.now() - started) / 60000).toFixed(1)} min`));
if (failures.length) {
  console.error(`\n${failures.length} benchmark(s) failed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
