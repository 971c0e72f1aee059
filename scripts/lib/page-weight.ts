/**
 * What a page costs a reader, measured in Chromium against the static server (whose log of what it sent is the
 * ground truth, worker requests included): every file fetched at load, then after the reader opens search (press
 * `/`, type a word, wait for the suggestions; on /search/ itself, type into its box and wait for results).
 * Each file's body is gzipped here at level 9 so pages compare whatever the host does; `raw` is its uncompressed
 * size; `transfer` is the body as sent (compressed when the server compressed) plus the headers Chromium counted.
 */
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, Request } from 'playwright-core';
import type { StaticSite } from './static-server.ts';

export type Kind = 'html' | 'css' | 'js' | 'font/img' | 'data';
export const KINDS: Kind[] = ['html', 'css', 'js', 'font/img', 'data'];

export interface Fetched {
  path: string;
  kind: Kind;
  /** Chromium's resource type: document, script, stylesheet, fetch, … */
  resourceType: string;
  phase: 'load' | 'search';
  raw: number;
  gzip: number;
  transfer: number;
  /** How the server encoded it ('br', 'gzip'; undefined = as is). */
  encoding?: string;
}

export interface Totals {
  files: number;
  raw: number;
  gzip: number;
  transfer: number;
}

export interface PageWeight {
  path: string;
  status: number;
  fetched: Fetched[];
  /** Inline `<style>` and `<script>` in the HTML (already inside the html figures). */
  inline: { css: { raw: number; gzip: number }; js: { raw: number; gzip: number; count: number } };
  searchOpened: boolean;
}

const gzipCache = new Map<string, number>();
export function gzipSize(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(file), { level: 9 }).length;
    gzipCache.set(file, size);
  }
  return size;
}

export function gzipOf(text: string): number {
  return gzipSync(Buffer.from(text), { level: 9 }).length;
}

function kindOf(resourceType: string, path: string): Kind {
  if (resourceType === 'document') return 'html';
  if (resourceType === 'stylesheet' || path.endsWith('.css')) return 'css';
  if (resourceType === 'script' || /\.m?js$/.test(path)) return 'js';
  if (resourceType === 'font' || resourceType === 'image' || /\.(svg|png|jpe?g|gif|webp|avif|ico|woff2?)$/.test(path))
    return 'font/img';
  return 'data';
}

/** Inline styles and scripts in an HTML document. */
export function inlineAssets(html: string): PageWeight['inline'] {
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]!);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((m) => !/\bsrc=/.test(m[1]!) && !/type="application\/(ld\+)?json"/.test(m[1]!))
    .map((m) => m[2]!);
  const css = styles.join('');
  const js = scripts.join('');
  return {
    css: { raw: Buffer.byteLength(css), gzip: css ? gzipOf(css) : 0 },
    js: { raw: Buffer.byteLength(js), gzip: js ? gzipOf(js) : 0, count: scripts.length },
  };
}

export function totals(fetched: Fetched[], filter: (f: Fetched) => boolean = () => true): Totals {
  const list = fetched.filter(filter);
  return {
    files: list.length,
    raw: list.reduce((a, f) => a + f.raw, 0),
    gzip: list.reduce((a, f) => a + f.gzip, 0),
    transfer: list.reduce((a, f) => a + f.transfer, 0),
  };
}

export async function measurePage(
  browser: Browser,
  site: StaticSite,
  path: string,
  options: { openSearch?: string } = {},
): Promise<PageWeight> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const types = new Map<string, string>();
  const headerBytes = new Map<string, Promise<number>>();
  const onRequest = (r: Request) => types.set(new URL(r.url()).pathname, r.resourceType());
  const onFinished = (r: Request) =>
    headerBytes.set(
      new URL(r.url()).pathname,
      r.sizes().then(
        (s) => s.responseHeadersSize,
        () => 0,
      ),
    );
  context.on('request', onRequest);
  context.on('requestfinished', onFinished);
  const from = site.served.length;
  const response = await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  const atLoad = site.served.length;
  let searchOpened = false;
  if (options.openSearch) {
    if (await page.locator('[data-search-page]').count()) {
      await page.locator('#search-page-input').fill(options.openSearch);
      await page.locator('ol.results > li').first().waitFor({ timeout: 15_000 });
    } else {
      await page.keyboard.press('/');
      await page.keyboard.type(options.openSearch);
      await page.locator('#site-search-results [role="option"]').first().waitFor({ timeout: 15_000 });
    }
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    searchOpened = true;
  }
  // The first response is the page itself.
  const doc = site.served[from];
  const html = doc && doc.status === 200 ? readFileSync(doc.file, 'utf8') : '';
  await context.close();
  const served = site.served.slice(from);
  const fetched: Fetched[] = [];
  for (const [i, s] of served.entries()) {
    const resourceType = types.get(s.path) ?? (i === 0 ? 'document' : 'other');
    fetched.push({
      path: s.path,
      kind: kindOf(resourceType, s.path),
      resourceType,
      phase: from + i < atLoad ? 'load' : 'search',
      raw: s.file ? statSync(s.file).size : s.bytes,
      gzip: s.file ? Math.min(statSync(s.file).size, gzipSize(s.file)) : s.bytes,
      transfer: s.bytes + (await (headerBytes.get(s.path) ?? Promise.resolve(0))),
      encoding: s.encoding,
    });
  }
  return { path, status: response?.status() ?? 0, fetched, inline: inlineAssets(html), searchOpened };
}
