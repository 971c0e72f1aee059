/** A reader finds an answer by browsing and by searching, with and without JavaScript. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { openPage, useSite, type Site } from './harness.ts';

let site: Site;
let browser: Browser;

useSite((s, b) => {
  site = s;
  browser = b;
});

describe('browsing', () => {
  test('home → category → article, with breadcrumbs, contents, anchors, related articles and the footer', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site.url}/`);
    assert.equal(await page.locator('h1').textContent(), 'How can we help?');
    const refundsCard = page.locator('.category-grid li', {
      has: page.getByRole('link', { name: 'Refunds', exact: true }),
    });
    assert.match((await refundsCard.locator('.count').textContent()) ?? '', /^\d+ articles?$/);

    await refundsCard.getByRole('link', { name: 'Refunds' }).click();
    await page.waitForURL(`${site.url}/refunds/`);
    assert.equal(await page.locator('h1').textContent(), 'Refunds');

    await page.getByRole('link', { name: 'Refund part of a payment' }).first().click();
    await page.waitForURL(`${site.url}/refunds/partial-refunds/`);
    assert.equal(await page.locator('h1').textContent(), 'Refund part of a payment');
    const crumbs = await page.getByRole('navigation', { name: 'Breadcrumb' }).locator('li').allTextContents();
    assert.deepEqual(
      crumbs.map((c) => c.trim()),
      ['Help center', 'Refunds', 'Refund part of a payment'],
    );
    assert.ok(await page.locator('.lead').isVisible(), 'the summary is shown under the title');
    assert.match((await page.locator('.article-meta').textContent()) ?? '', /Article 1004 · Updated \w+ \d+, \d{4}/);

    const toc = page.getByRole('navigation', { name: 'On this page' });
    await toc.getByRole('link', { name: 'In the API' }).click();
    assert.equal(new URL(page.url()).hash, '#in-the-api');
    assert.equal(await page.locator('h2#in-the-api a.heading-anchor').getAttribute('href'), '#in-the-api');

    assert.ok((await page.locator('.related li').count()) >= 1, 'related articles are listed');
    const footer = page.locator('footer');
    assert.match((await footer.textContent()) ?? '', /independent/);
    assert.equal(
      await footer.getByRole('link', { name: 'Stripe support' }).getAttribute('href'),
      'https://support.stripe.com/',
    );
    assert.deepEqual(errors, []);
  });

  test('an unknown address answers 404 with a search box and top articles', async () => {
    const { page } = await openPage(browser);
    const response = await page.goto(`${site.url}/refunds/no-such-article/`);
    assert.equal(response?.status(), 404);
    assert.match((await page.locator('h1').textContent()) ?? '', /couldn't find/);
    assert.ok(await page.locator('main form[role="search"] input[name="q"]').isVisible());
    assert.ok((await page.locator('main .card-list li').count()) >= 3);
  });

  test('an article page fetches no JavaScript until the reader reaches for search', async () => {
    const { page } = await openPage(browser);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    // An article without a widget: widgets bring their own script, search must not.
    await page.goto(`${site.url}/refunds/cancel-a-refund/`, { waitUntil: 'networkidle' });
    assert.equal(scripts.length, 0, `no script is fetched at load (fetched: ${scripts.join(', ')})`);
    await page.keyboard.press('/');
    await page.waitForFunction(
      () => document.querySelector('[data-site-search]')?.getAttribute('data-mounted') === 'true',
    );
    assert.ok(
      scripts.includes('/_help/search.js'),
      `the search client loads on first use (fetched: ${scripts.join(', ')})`,
    );
  });
});

describe('without JavaScript', () => {
  test('articles, categories and the FAQ are complete and readable', async () => {
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${site.url}/refunds/cancel-a-refund/`);
    assert.equal(await page.locator('h1').textContent(), 'Can I cancel a refund?');
    assert.ok((await page.locator('article h2').count()) >= 2, 'the body is rendered');
    await page.goto(`${site.url}/fees/`);
    assert.ok((await page.locator('main .card-list li').count()) >= 2);
    await page.goto(`${site.url}/faq/#can-i-cancel-a-refund`);
    const item = page.locator('#can-i-cancel-a-refund');
    assert.match((await item.locator('h3').textContent()) ?? '', /Can I cancel a refund\?/);
    assert.ok((await item.locator('.faq-answer').textContent())!.length > 40);
  });

  test('the header search still works as a plain form', async () => {
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${site.url}/`);
    await page.locator('#site-search-input').fill('refund');
    await page.locator('#site-search-input').press('Enter');
    await page.waitForURL(/\/search\/\?q=refund/);
    assert.match((await page.locator('noscript, main').first().textContent()) ?? '', /Search/);
  });
});
