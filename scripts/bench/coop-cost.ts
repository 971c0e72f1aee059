/**
 * `node scripts/bench/coop-cost.ts [-- --runs 8] [--no-build]`: what `Cross-Origin-Opener-Policy: same-origin` costs
 * a page load in Chromium, measured without Lighthouse's throttling model so the machine's load can't pass for it.
 * The article is opened in a fresh tab, with and without the header (a proxy in front of `npm start`'s server drops
 * it), starting from the blank tab as Lighthouse does and from a page of another site as a reader following a link
 * does; the runs are interleaved. For each load: the renderer processes Chromium started for it, the CPU time all of
 * Chromium's processes used (from /proc, so waiting for a core doesn't count) and first contentful paint.
 * Linux only (reads /proc). Results: the "coopCost" section of bench/results.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../lib/browser-site.ts';
import { clientDir, serveSite } from '../lib/serve-build.ts';
import { countingProxy } from '../lib/static-server.ts';
import { percentile } from '../lib/stats.ts';
import { readProcs, type ProcInfo } from './lib/processes.ts';
import { table } from '../lib/table.ts';
import { benchOptions } from './lib/options.ts';
import { log, saveSection } from './lib/report.ts';
import { realSite } from './lib/sites.ts';

const PAGE = '/refunds/cancel-a-refund/';
/** Chromium's processes: the browser (found by its profile folder) and everything under it. */
function tree(profile: string): ProcInfo[] {
  const all = readProcs();
  const root = all.find((p) => p.cmdline.includes(profile) && !p.cmdline.includes('--type='));
  if (!root) return [];
  const found = new Map([[root.pid, root]]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all)
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.set(p.pid, p);
        grew = true;
      }
  }
  return [...found.values()];
}

const options = benchOptions('bench:coop', 'What Cross-Origin-Opener-Policy costs a page load in Chromium.');
const runs = options.runs ?? 8;
const { dir } = await realSite(options);
const site = await serveSite(dir);
const withCoop = await countingProxy(site.url, clientDir(dir));
const withoutCoop = await countingProxy(site.url, clientDir(dir), (headers) => {
  delete headers['cross-origin-opener-policy'];
  return headers;
});
const elsewhere = createServer((_req, res) =>
  res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title><p>elsewhere'),
);
await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
const otherSite = `http://localhost:${(elsewhere.address() as AddressInfo).port}/`;
const profile = mkdtempSync(path.join(tmpdir(), 'coop-cost-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

const variants = [
  { name: 'COOP, from blank tab', url: withCoop.url, from: undefined },
  { name: 'no COOP, from blank tab', url: withoutCoop.url, from: undefined },
  { name: 'COOP, from another site', url: withCoop.url, from: otherSite },
  { name: 'no COOP, from another site', url: withoutCoop.url, from: otherSite },
];
const samples = new Map<string, { renderers: number; cpuMs: number; fcpMs: number }[]>();
try {
  for (let run = 0; run < runs; run++)
    for (const variant of [...variants.slice(run % 4), ...variants.slice(0, run % 4)]) {
      const page = await context.newPage();
      if (variant.from) await page.goto(variant.from);
      // Let the tab settle so its own start-up is not counted.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 200))));
      const before = tree(profile);
      const cpuBefore = new Map(before.map((p) => [p.pid, p.cpuMs]));
      await page.goto(`${variant.url}${PAGE}`, { waitUntil: 'load' });
      const fcpMs = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const seen = performance.getEntriesByName('first-contentful-paint')[0];
            if (seen) return resolve(seen.startTime);
            new PerformanceObserver((list) => resolve(list.getEntries()[0]!.startTime)).observe({ type: 'paint' });
          }),
      );
      const after = tree(profile);
      const cpuMs = after.reduce((sum, p) => sum + p.cpuMs - (cpuBefore.get(p.pid) ?? 0), 0);
      const renderers = after.filter((p) => p.cmdline.includes('--type=renderer') && !cpuBefore.has(p.pid)).length;
      samples.set(variant.name, [...(samples.get(variant.name) ?? []), { renderers, cpuMs, fcpMs }]);
      log(`coop: ${variant.name} (run ${run + 1}/${runs}): ${renderers} new renderer(s), ${cpuMs} ms CPU`);
      await page.close();
    }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  elsewhere.close();
  await withCoop.close();
  await withoutCoop.close();
  await site.close();
}

const rows = variants.map(({ name }) => {
  const list = samples.get(name)!;
  return {
    load: name,
    'new renderer processes': percentile(
      list.map((s) => s.renderers),
      50,
    ),
    'Chromium CPU ms (median)': Math.round(
      percentile(
        list.map((s) => s.cpuMs),
        50,
      ),
    ),
    'FCP ms (median, unthrottled)': Math.round(
      percentile(
        list.map((s) => s.fcpMs),
        50,
      ),
    ),
  };
});
saveSection('coopCost', { page: PAGE, runs, rows });
console.log(table(rows, `Opening ${PAGE} in a fresh tab, ${runs} runs each, interleaved`));
