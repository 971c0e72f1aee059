/** What support agents rely on (stable links, copy actions) and the feedback that reaches the team. */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openPage, useSite, type Site } from './harness.ts';

let site: Site;
let browser: Browser;
const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-feedback-'));

useSite(
  (s, b) => {
    site = s;
    browser = b;
  },
  { KB_DATA_DIR: dataDir },
);
after(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function clipboardPage(): Promise<Page> {
  const { page } = await openPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  return page;
}
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

describe('links that last', () => {
  test('a short link answers 301 and lands on the article, whatever its address', async () => {
    const response = await fetch(`${site.url}/a/1004/`, { redirect: 'manual' });
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), '/refunds/partial-refunds/');
    const { page } = await openPage(browser);
    await page.goto(`${site.url}/a/1004`);
    assert.equal(new URL(page.url()).pathname, '/refunds/partial-refunds/');
  });

  test('a former address (alias) answers 301 and still leads to the article', async () => {
    const response = await fetch(`${site.url}/refunds/refund-part-of-a-payment/`, { redirect: 'manual' });
    assert.equal(response.status, 301);
    const { page } = await openPage(browser);
    await page.goto(`${site.url}/refunds/refund-part-of-a-payment/`);
    assert.equal(new URL(page.url()).pathname, '/refunds/partial-refunds/');
  });
});

describe('copy actions', () => {
  test('Copy link copies the short link; Copy answer copies the summary and the link, ready for a ticket', async () => {
    const page = await clipboardPage();
    await page.goto(`${site.url}/refunds/cancel-a-refund/`);
    assert.match((await page.locator('.article-meta').textContent()) ?? '', /Article 1007/);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    assert.equal(await clipboard(page), `${site.url}/a/1007/`);
    await page.getByRole('button', { name: 'Copy answer' }).click();
    await page.getByRole('status').filter({ hasText: 'Answer copied' }).waitFor();
    const summary = (await page.locator('.lead').textContent())!.trim();
    assert.equal(
      await clipboard(page),
      `${summary}\n\nCan I cancel a refund?: ${new URL('/a/1007/', 'http://localhost:4321').href}`,
    );
  });

  test('a heading’s link button copies the link to that section', async () => {
    const page = await clipboardPage();
    await page.goto(`${site.url}/refunds/cancel-a-refund/`);
    await page.locator('h2#in-the-api .heading-anchor').click();
    await page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    assert.equal(await clipboard(page), `${site.url}/refunds/cancel-a-refund/#in-the-api`);
    assert.equal(new URL(page.url()).hash, '#in-the-api');
  });

  test('a FAQ answer’s link button copies its anchor on the FAQ page', async () => {
    const page = await clipboardPage();
    await page.goto(`${site.url}/faq/`);
    await page.getByRole('link', { name: 'Copy the link to the question “Can I cancel a refund?”' }).click();
    await page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    assert.equal(await clipboard(page), `${site.url}/faq/#can-i-cancel-a-refund`);
  });

  test('search results carry the same copy actions', async () => {
    const page = await clipboardPage();
    await page.goto(`${site.url}/search/?q=cancel%20a%20refund`);
    const first = page.locator('ol.results > li', { hasText: 'Article 1007' }).first();
    await first.waitFor();
    await first.getByRole('button', { name: /^Copy link/ }).click();
    await page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    assert.equal(await clipboard(page), `${site.url}/a/1007/`);
    await first.getByRole('button', { name: /^Copy answer/ }).click();
    await page.getByRole('status').filter({ hasText: 'Answer copied' }).waitFor();
    assert.match(await clipboard(page), /^Sometimes\..*\n\nCan I cancel a refund\?: .*\/a\/1007\/$/s);
  });

  test('without JavaScript the copy and feedback controls are hidden, not broken', async () => {
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${site.url}/refunds/cancel-a-refund/`);
    assert.ok(await page.getByRole('button', { name: 'Copy link' }).isHidden());
    assert.ok(await page.locator('.feedback').first().isHidden());
  });
});

describe('feedback', () => {
  test('“No” asks why and takes a comment; answers are stored and reported without personal data', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site.url}/refunds/refund-timing/`);
    const box = page.locator('.feedback').first();
    await box.getByRole('button', { name: 'No' }).click();
    await box.getByRole('radio', { name: 'Missing information' }).check();
    await box.getByLabel(/Anything else/).fill('Say what to do after 10 days. Reach me at jo@example.com');
    await box.getByRole('button', { name: 'Send' }).click();
    await box.getByText('Thanks for telling us').waitFor();

    await page.goto(`${site.url}/faq/`);
    const faq = page.locator('#can-i-cancel-a-refund .feedback');
    await faq.getByRole('button', { name: 'Yes' }).click();
    await faq.getByText('Glad it helped').waitFor();
    assert.deepEqual(errors, []);

    const report = spawnSync(process.execPath, ['scripts/report.ts', '--json'], {
      env: { ...process.env, KB_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    assert.equal(report.status, 0, report.stderr);
    const json = JSON.parse(report.stdout) as {
      pages: { page: string; helpful: number; notHelpful: number; reasons: Record<string, number> }[];
      comments: { comment: string }[];
    };
    const timing = json.pages.find((p) => p.page === '/refunds/refund-timing/');
    assert.equal(timing?.notHelpful, 1);
    assert.equal(timing?.reasons.missing_information, 1);
    assert.equal(json.pages.find((p) => p.page === '/faq/#can-i-cancel-a-refund')?.helpful, 1);
    assert.equal(json.comments[0]?.comment, 'Say what to do after 10 days. Reach me at [removed]');
  });

  test('a search that finds nothing shows up in the team’s report', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site.url}/search/`);
    await page.locator('#search-page-input').fill('qqxv wrrzt');
    const counted = page.waitForResponse(
      (r) => r.url().endsWith('/api/search-misses') && r.request().method() === 'POST',
    );
    await page.locator('#search-page-input').press('Enter');
    await page.locator('.search-empty').waitFor();
    assert.equal((await counted).status(), 204);
    const report = spawnSync(process.execPath, ['scripts/report.ts', '--json'], {
      env: { ...process.env, KB_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    const misses = (JSON.parse(report.stdout) as { misses: { query: string; count: number }[] }).misses;
    assert.deepEqual(
      misses.find((m) => m.query === 'qqxv wrrzt'),
      { query: 'qqxv wrrzt', count: 1 },
    );
  });
});
