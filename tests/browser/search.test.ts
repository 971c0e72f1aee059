/** Search from the header and the full results page, by keyboard and by mouse. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { openPage, useSite, type Site } from './harness.ts';

let site: Site;
let browser: Browser;

useSite((s, b) => {
  site = s;
  browser = b;
});

async function typeInHeader(page: Page, query: string): Promise<void> {
  await page.keyboard.press('/');
  await page.keyboard.type(query);
  await page.locator('#site-search-results [role="option"]').first().waitFor();
}

describe('header search', () => {
  test('a phrase from an article, typed after pressing /, lands on that article with the keyboard', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site.url}/fees/`);
    await typeInHeader(page, 'a full refund takes only a few clicks');
    assert.equal(await page.locator('#site-search-input').getAttribute('aria-expanded'), 'true');
    // Suggestions follow the typing; once the whole phrase is in, its article must lead.
    await page
      .locator('#site-search-results [role="option"]')
      .first()
      .filter({ hasText: 'Refund a payment in the Dashboard' })
      .waitFor({ timeout: 5000 });
    await page.keyboard.press('ArrowDown');
    const active = page.locator('#site-search-results [aria-selected="true"]');
    assert.equal(
      await page.locator('#site-search-input').getAttribute('aria-activedescendant'),
      await active.getAttribute('id'),
    );
    assert.match((await active.textContent()) ?? '', /Refund a payment in the Dashboard/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site.url}/refunds/refund-in-the-dashboard/`);
    assert.deepEqual(errors, []);
  });

  test('Ctrl+K opens search and Escape closes the suggestions', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site.url}/`);
    await page.keyboard.press('Control+k');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-search-input');
    await page.keyboard.type('refund');
    await page.locator('#site-search-results [role="option"]').first().waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#site-search-input').getAttribute('aria-expanded'), 'false');
    assert.ok(await page.locator('.site-search-panel').isHidden());
  });

  test('a FAQ question is its own result and opens at its anchor', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site.url}/`);
    await typeInHeader(page, 'can i cancel a refund');
    const faqOption = page.locator('#site-search-results [role="option"]', { hasText: 'FAQ' }).first();
    assert.match((await faqOption.textContent()) ?? '', /cancel/i);
    const href = await faqOption.getAttribute('data-href');
    assert.match(href ?? '', /^\/faq\/#[a-z0-9-]+$/);
    await faqOption.click();
    await page.waitForURL(`${site.url}${href}`);
    const target = page.locator(href!.slice('/faq/'.length));
    assert.ok(await target.isVisible());
    assert.match((await target.textContent()) ?? '', /cancel/i);
  });
});

describe('search page', () => {
  test('results are an ordered list of links with category, snippet and a deep link to the best section', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site.url}/search/?q=${encodeURIComponent('charge_already_refunded')}`);
    const first = page.locator('ol.results > li').first();
    await first.waitFor();
    assert.match((await first.locator('.hit-meta').textContent()) ?? '', /Refunds/);
    assert.ok((await first.locator('.hit-snippet mark').count()) >= 1, 'the matched words are highlighted');
    const deep = page.locator('ol.results .hit-section a').first();
    assert.match((await deep.getAttribute('href')) ?? '', /#[a-z0-9_-]+$/);
  });

  test('the query and filters live in the URL and survive Back', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site.url}/search/`);
    await page.locator('#search-page-input').fill('refund');
    await page.getByRole('checkbox', { name: 'Fees' }).check();
    await page.waitForURL(/\?q=refund&category=fees$/);
    await page.locator('ol.results > li').first().waitFor();
    const metas = await page.locator('ol.results .hit-meta').allTextContents();
    assert.ok(metas.length > 0 && metas.every((m) => m.includes('Fees')), `only fees results: ${metas.join(' | ')}`);

    const firstTitle = await page.locator('ol.results > li h2').first().textContent();
    await page.locator('ol.results > li h2 a').first().click();
    await page.waitForURL((u) => !u.pathname.startsWith('/search/'));
    await page.goBack();
    await page.locator('ol.results > li').first().waitFor();
    assert.equal(await page.locator('#search-page-input').inputValue(), 'refund');
    assert.ok(await page.getByRole('checkbox', { name: 'Fees' }).isChecked());
    assert.equal(await page.locator('ol.results > li h2').first().textContent(), firstTitle);
  });

  test('a query with markup is shown as text, never run', async () => {
    const { page, errors } = await openPage(browser);
    let dialog = false;
    page.on('dialog', async (d) => {
      dialog = true;
      await d.dismiss();
    });
    const hostile = '<img src=x onerror=alert(1)>';
    await page.goto(`${site.url}/search/?q=${encodeURIComponent(hostile)}`);
    await page.waitForFunction(() => document.querySelector('.search-status')?.textContent?.includes('for'));
    assert.equal(await page.locator('main img').count(), 0);
    assert.match((await page.locator('.search-status').textContent()) ?? '', /<img src=x onerror=alert\(1\)>/);
    assert.equal(dialog, false);
    assert.deepEqual(errors, []);
  });
});
