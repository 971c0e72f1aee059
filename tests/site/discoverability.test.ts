/** Found by the rest of the web: sitemap, canonical URLs, link previews, structured data, feed, llms.txt. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { categories } from '../../src/lib/categories.ts';

const dist = 'dist/client';
const read = (file: string) => readFileSync(path.join(dist, file), 'utf8');
const site = process.env.SITE_URL ?? 'http://localhost:4321';
const articlePages = readdirSync(path.join(dist), { recursive: true, encoding: 'utf8' }).filter((f) =>
  new RegExp(`^(${categories.join('|')})/[a-z0-9-]+/index\\.html$`).test(f),
);

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map(
    (m) => JSON.parse(m[1]!) as Record<string, unknown>,
  );
}

test('there are articles to check', () => {
  assert.ok(articlePages.length >= 40, `${articlePages.length} article pages`);
});

test('every article is in the sitemap with its canonical URL, and has link-preview tags and structured data', () => {
  const sitemap = read('sitemap-0.xml');
  for (const file of articlePages) {
    const url = `${site}/${file.replace(/index\.html$/, '')}`;
    const html = read(file);
    assert.ok(sitemap.includes(`<loc>${url}</loc>`), `${url} is in the sitemap`);
    assert.ok(html.includes(`<link rel="canonical" href="${url}">`), `${file}: canonical`);
    for (const tag of ['og:title', 'og:description', 'og:url'])
      assert.match(html, new RegExp(`<meta property="${tag}" content="[^"]+"`), `${file}: ${tag}`);
    assert.match(html, /<meta name="twitter:card" content="summary">/);
    const types = jsonLd(html).map((d) => d['@type']);
    assert.deepEqual(types, ['TechArticle', 'BreadcrumbList'], `${file}: structured data`);
  }
});

test('a redirected address is a 301 rule, never a page of its own or a sitemap entry', () => {
  const redirects = JSON.parse(read('redirects.json')) as { from: string; to: string }[];
  assert.ok(redirects.some(({ from }) => from === '/a/1004/'));
  const sitemap = read('sitemap-0.xml');
  for (const { from } of redirects) {
    assert.ok(!existsSync(path.join(dist, from, 'index.html')), `${from} has a page`);
    assert.ok(!sitemap.includes(`${site}${from}<`), `${from} is in the sitemap`);
  }
  assert.ok(!sitemap.includes('redirects.json'));
});

test('the FAQ page describes every question as FAQPage data', () => {
  const html = read('faq/index.html');
  const [faq] = jsonLd(html) as { '@type': string; mainEntity: { name: string; acceptedAnswer: { text: string } }[] }[];
  assert.equal(faq?.['@type'], 'FAQPage');
  const questions = (html.match(/class="faq-item[ "]/g) ?? []).length;
  assert.equal(faq?.mainEntity.length, questions);
  assert.ok(faq!.mainEntity.every((q) => q.name.endsWith('?') && q.acceptedAnswer.text.length > 20));
});

test('robots.txt points to the sitemap; the feed lists the articles', () => {
  assert.match(read('robots.txt'), new RegExp(`Sitemap: ${site}/sitemap-index.xml`));
  const items = read('feed.xml').match(/<item>/g) ?? [];
  assert.equal(items.length, Math.min(50, articlePages.length));
});

test('llms.txt lists every article’s Markdown version, and each exists beside its page', () => {
  const llms = read('llms.txt');
  for (const file of articlePages) {
    const md = file.replace(/\/index\.html$/, '.md');
    assert.ok(llms.includes(`${site}/${md}`), `llms.txt links ${md}`);
    assert.ok(existsSync(path.join(dist, md)), `${md} exists`);
    assert.match(read(md), /^# .+\n\n> .+/);
  }
});

test('_redirects sends every short link to its article; _headers carries a CSP without inline scripts', () => {
  const redirects = read('_redirects');
  for (const file of articlePages) {
    const number = /Article <span data-pagefind-meta="number"[^>]*>(\d+)</.exec(read(file))?.[1];
    assert.ok(
      number && redirects.includes(`/a/${number}/ /${file.replace(/index\.html$/, '')} 301`),
      `short link for ${file}`,
    );
  }
  const csp = /Content-Security-Policy: (.*)/.exec(read('_headers'))?.[1] ?? '';
  const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
  assert.ok(scriptSrc.length > 0 && !scriptSrc.includes('unsafe-inline'), scriptSrc);
  assert.match(csp, /frame-ancestors 'none'/);
});
