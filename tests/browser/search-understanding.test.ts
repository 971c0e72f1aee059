/** Search that understands readers: questions, synonyms, typos, best bets, and no dead ends. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { openPage, useSite, type Site } from './harness.ts';
import { loadQueries, measureSearchQuality } from '../../scripts/lib/search-quality.ts';

let site: Site;
let browser: Browser;

useSite((s, b) => {
  site = s;
  browser = b;
});

async function searchPage(page: Page, query: string): Promise<{ urls: string[]; notice: string; status: string }> {
  await page.goto(`${site.url}/search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(() =>
    /results? for|No results/.test(document.querySelector('.search-status')?.textContent ?? ''),
  );
  return {
    urls: await page
      .locator('ol.results > li h2 a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? '')),
    notice: (await page.locator('.search-notice').textContent()) ?? '',
    status: (await page.locator('.search-status').textContent()) ?? '',
  };
}

test('a long natural question still finds the refund articles', async () => {
  const { page } = await openPage(browser);
  const { urls, notice } = await searchPage(page, 'how do i get my money back after paying');
  assert.ok(urls.length > 0, 'never nothing');
  assert.ok(
    urls.slice(0, 3).some((u) => u.startsWith('/refunds/')),
    `a refund article in the top three: ${urls.join(', ')}`,
  );
  assert.match(notice, /“refund” for “get my money back”/);
});

test('synonyms: "chargeback" finds disputes, "card on file" finds saved cards, "secret key" finds API keys', async () => {
  const { page } = await openPage(browser);
  for (const [query, expected] of [
    ['chargeback', /dispute/],
    ['card on file', /^\/sources\//],
    ['secret key', /api-keys|keep-api-keys-safe/],
  ] as const) {
    const { urls } = await searchPage(page, query);
    assert.ok(
      urls.slice(0, 3).some((u) => expected.test(u)),
      `${query}: ${urls.slice(0, 3).join(', ')}`,
    );
  }
});

test('typos are corrected from the site’s own words, and the page says so', async () => {
  const { page } = await openPage(browser);
  // Pagefind itself forgives a slip in a word it knows; these land on the right article either way.
  for (const [query, expected] of [
    ['partail refnd', '/refunds/partial-refunds/'],
    ['dispte', '/fees/dispute-fees-vs-refunds/'],
    ['cancle a refund', '/refunds/cancel-a-refund/'],
  ] as const) {
    const { urls } = await searchPage(page, query);
    assert.ok(urls.slice(0, 3).includes(expected), `${query}: ${urls.slice(0, 3).join(', ')}`);
  }
  // A word the index has never seen (no keyword plants this slip) is corrected from the site's vocabulary, and the
  // page says what it searched.
  const receipt = await searchPage(page, 'refund recipt');
  assert.match(receipt.notice, /Showing results for “refund receipt” \(you typed “refund recipt”\)/);
  assert.ok(receipt.urls.includes('/refunds/refund-receipts/'));
});

test('a pinned query puts its article first, marked as the best answer', async () => {
  const { page } = await openPage(browser);
  const { urls } = await searchPage(page, 'refund fee');
  assert.equal(urls[0], '/fees/fees-not-returned-on-refund/');
  assert.match((await page.locator('ol.results > li .hit-meta').first().textContent()) ?? '', /^Best answer/);
});

test('a search that finds nothing offers questions, topics and support, and is counted', async () => {
  const { page } = await openPage(browser);
  const counted: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/search-misses') && r.method() === 'POST') counted.push(r.postData() ?? '');
  });
  await page.goto(`${site.url}/search/`);
  await page.locator('#search-page-input').fill('zzqx blorf');
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/search-misses'));
  await page.locator('#search-page-input').press('Enter');
  const empty = page.locator('.search-empty');
  await empty.waitFor();
  assert.match((await page.locator('.search-status').textContent()) ?? '', /No results for “zzqx blorf”/);
  assert.equal(await empty.getByRole('link', { name: 'Refunds' }).getAttribute('href'), '/refunds/');
  assert.equal(
    await empty.getByRole('link', { name: 'contact Stripe support' }).getAttribute('href'),
    'https://support.stripe.com/',
  );
  await answered;

  await page.locator('#search-page-input').fill('cancel refnud blorf');
  await page.locator('#search-page-input').press('Enter');
  await page.locator('ol.results > li').first().waitFor();
  assert.ok(await empty.isHidden());
  // A second count of the first query would have been sent before the next search was typed and answered.
  assert.deepEqual(
    counted.map((b) => JSON.parse(b)),
    [{ query: 'zzqx blorf' }],
    'the query alone is sent, once',
  );
});

test('the closest FAQ questions are offered when no page matches', async () => {
  const { page } = await openPage(browser);
  await page.goto(`${site.url}/`);
  await page.keyboard.press('/');
  await page.keyboard.type('cancel zzqx');
  const option = page.locator('#site-search-results [role="option"]').first();
  await option.waitFor();
  assert.match((await option.textContent()) ?? '', /cancel/i);
});

test(
  'search quality: the tuning set puts a right article in the top three for at least 90% of queries',
  { timeout: 600_000 },
  async () => {
    const { page } = await openPage(browser);
    const queries = loadQueries();
    const { found, share, outcomes } = await measureSearchQuality(page, site.url, queries);
    const missed = outcomes.filter((o) => !o.rank || o.rank > 3).map((o) => `  ${o.q} → ${o.top.join(', ')}`);
    console.log(`search quality: ${found} of ${queries.length} (${(share * 100).toFixed(1)}%)`);
    assert.ok(share >= 0.9, `${found} of ${queries.length}; missed:\n${missed.join('\n')}`);
  },
);
