/**
 * The built search client when the network or the index misbehaves, in Chromium against the built site: files that
 * fail once (the page offers Retry, and Retry works), and an index that returns markup in a result (shown as text).
 * Faults are made with Playwright's `page.route`, so the client runs exactly as shipped (bundled, under the site's
 * Content-Security-Policy), which a DOM emulation in Node would not prove.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { openPage, useSite, type Site } from './harness.ts';

let site: Site;
let browser: Browser;

useSite((s, b) => {
  site = s;
  browser = b;
});

/**
 * Fails every request for `pattern` (with `status`, or by dropping it) until `heal()`: the connection is down for as
 * long as the test says, whatever the page retries or preloads meanwhile.
 */
async function outage(page: Page, pattern: RegExp, how: 'abort' | number): Promise<{ heal(): void; failed(): number }> {
  let down = true;
  let failed = 0;
  await page.route(pattern, async (route) => {
    if (!down) return route.continue();
    failed++;
    if (how === 'abort') return route.abort('connectionreset');
    return route.fulfill({ status: how, contentType: 'text/plain', body: 'server error' });
  });
  return { heal: () => (down = false), failed: () => failed };
}

const status = (page: Page) => page.locator('.search-page .search-status');

async function expectRetryThenResults(page: Page, heal: () => void): Promise<void> {
  await status(page).filter({ hasText: 'Search could not load' }).waitFor();
  const retry = page.getByRole('button', { name: 'Retry', exact: true });
  assert.ok(await retry.isVisible(), 'a Retry button is offered');
  heal();
  await retry.click();
  await status(page)
    .filter({ hasText: /results? for “refund”/ })
    .waitFor();
  assert.ok((await page.locator('ol.results > li').count()) > 0);
  assert.ok(await retry.isHidden());
}

for (const [file, pattern, how] of [
  ["Pagefind's script", /\/pagefind\/pagefind\.js/, 'abort'],
  ['the search data', /\/search-data\.json$/, 500],
  ['the search client itself', /\/_help\/search\.js/, 'abort'],
] as const) {
  test(`the results page offers Retry when ${file} fails to load, and Retry finds the results`, async () => {
    const { page, errors } = await openPage(browser);
    const fault = await outage(page, pattern, how);
    await page.goto(`${site.url}/search/?q=refund`);
    await expectRetryThenResults(page, fault.heal);
    assert.ok(fault.failed() >= 1);
    assert.deepEqual(errors, [], 'no uncaught error or unhandled rejection');
  });
}

test('the header search offers Retry when Pagefind fails to load, and Retry shows suggestions', async () => {
  const { page, errors } = await openPage(browser);
  // Every load fails until the connection comes back, so each keystroke's search fails the same way.
  const fault = await outage(page, /\/pagefind\/pagefind\.js/, 'abort');
  await page.goto(`${site.url}/fees/`);
  await page.keyboard.press('/');
  await page.keyboard.type('refund');
  const retry = page.locator('.site-search-retry');
  await retry.waitFor({ state: 'visible' });
  assert.match((await page.locator('.site-search-status').textContent()) ?? '', /Search could not load/);
  fault.heal();
  await retry.click();
  await page.locator('#site-search-results [role="option"]').first().waitFor();
  assert.ok(await retry.isHidden());
  assert.deepEqual(errors, []);
});

test('a result whose title and text hold markup shows it as text and runs nothing', async () => {
  const { page, errors } = await openPage(browser);
  let dialog = false;
  page.on('dialog', async (d) => {
    dialog = true;
    await d.dismiss();
  });
  const title = '<img src=x onerror=alert(1)>';
  // A stand-in for Pagefind's runtime, served from the site's own address (so the page's CSP allows it), whose one
  // result carries markup where an index would carry a page's title, summary and excerpt.
  const fakePagefind = `
    const data = {
      url: '/refunds/partial-refunds/',
      excerpt: '&lt;img src=x onerror=alert(2)&gt; a <mark>xsscheck</mark>',
      content: 'xsscheck',
      meta: { title: ${JSON.stringify(title)}, summary: '<script>alert(3)</script>', number: '1002' },
      filters: { category: ['refunds'] },
      sub_results: [],
    };
    export async function options() {}
    export async function init() {}
    export async function search() {
      return { unfilteredResultCount: 1, results: [{ id: 'fake', score: 1, data: async () => data }] };
    }`;
  await page.route(/\/pagefind\/pagefind\.js/, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: fakePagefind }),
  );
  // A word no article pins itself to, so the fake result is the first.
  await page.goto(`${site.url}/search/?q=xsscheck`);
  const hit = page.locator('ol.results > li').first();
  await hit.waitFor();
  assert.equal(await hit.locator('h2').textContent(), title);
  assert.match((await hit.locator('.hit-snippet').textContent()) ?? '', /<img src=x onerror=alert\(2\)> a xsscheck/);
  assert.equal(await hit.locator('.hit-snippet mark').textContent(), 'xsscheck', 'only the match is marked up');
  assert.equal(await page.locator('main img, main script').count(), 0);
  assert.equal(dialog, false);
  assert.deepEqual(errors, []);
});
