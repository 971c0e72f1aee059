/**
 * The team's report page, end to end on the built site: a reader votes and comments, searches and opens results
 * (from the search page and from the header), then the team signs in at /team/report/ and finds all of it there.
 * A request without the token learns nothing, and without REPORT_TOKEN the address doesn't exist.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { startSite } from '../../scripts/lib/browser-site.ts';
import { openPage, useSite, type Site } from './harness.ts';

let site: Site;
let browser: Browser;
const dataDir = mkdtempSync(path.join(tmpdir(), 'kb-team-'));
const token = 'test-team-token-4f1c9a0b7e2d48c6a5';
const comment = 'Planted-comment: the refund page skips the bank step';
const query = 'cancel a refund';
const missed = 'qqxv wrrzt';
const screenshot = process.env.TEAM_REPORT_SCREENSHOT ?? path.join(tmpdir(), 'team-report.png');

useSite(
  (s, b) => {
    site = s;
    browser = b;
  },
  { KB_DATA_DIR: dataDir, REPORT_TOKEN: token },
);
after(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * The body of the POST to `endpoint` that `act` causes. The request, not its answer, is awaited: a result's count
 * is sent as the browser leaves the page, and the answer may come after the page that asked is gone.
 */
async function posted(page: Page, endpoint: string, act: () => Promise<unknown>): Promise<unknown> {
  const request = page.waitForRequest((r) => r.url().endsWith(endpoint) && r.method() === 'POST');
  await act();
  return (await request).postDataJSON();
}

/** Waits until the report, read with the token, satisfies `ready`: the counts are written as they arrive. */
async function reportWhen(ready: (html: string) => boolean): Promise<string> {
  for (const deadline = Date.now() + 10_000; ;) {
    const html = await (
      await fetch(`${site.url}/team/report/`, { headers: { authorization: `Bearer ${token}` } })
    ).text();
    if (ready(html)) return html;
    if (Date.now() > deadline) throw new Error('the report never showed what was sent');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** WCAG 2.2 AA violations on the page, as accessibility.test.ts checks the public pages. */
async function violations(page: Page): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  const { violations: found } = await builder.analyze();
  return found.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

function assertTeamHeaders(response: Response, what: string): void {
  assert.equal(response.headers.get('cache-control'), 'no-store, private', `${what}: cache-control`);
  assert.equal(response.headers.get('x-robots-tag'), 'noindex, nofollow', `${what}: x-robots-tag`);
  assert.equal(response.headers.get('referrer-policy'), 'same-origin', `${what}: referrer-policy`);
}

describe('the team report', () => {
  let openedFromPage = '';
  let openedFromHeader = '';

  test('a reader votes, comments, searches and opens results', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site.url}/refunds/refund-timing/`);
    const box = page.locator('.feedback').first();
    await box.getByRole('button', { name: 'No' }).click();
    await box.getByRole('radio', { name: 'Hard to follow' }).check();
    await box.getByLabel(/Anything else/).fill(comment);
    const feedback = page.waitForResponse((r) => r.url().endsWith('/api/feedback'));
    await box.getByRole('button', { name: 'Send' }).click();
    assert.equal((await feedback).status(), 201);

    // A search that finds nothing, counted when submitted.
    await page.goto(`${site.url}/search/`);
    await page.locator('#search-page-input').fill(missed);
    const miss = await posted(page, '/api/search-misses', () => page.locator('#search-page-input').press('Enter'));
    assert.deepEqual(miss, { query: missed });

    // The search page: the first result's title link, counted as the browser leaves.
    await page.goto(`${site.url}/search/?q=${encodeURIComponent(query)}`);
    const first = page.locator('ol.results > li h2 a').first();
    await first.waitFor();
    openedFromPage = new URL((await first.getAttribute('href'))!, site.url).pathname;
    assert.deepEqual(await posted(page, '/api/search-clicks', () => first.click()), { query, page: openedFromPage });
    await page.waitForURL((url) => url.pathname === openedFromPage);

    // The header search: the second suggestion.
    const input = page.locator('#site-search-input');
    await input.fill(query);
    const second = page.locator('#site-search-option-1');
    await second.waitFor();
    const headerUrl = new URL((await second.getAttribute('data-href'))!, site.url);
    openedFromHeader = headerUrl.pathname + headerUrl.hash;
    assert.deepEqual(await posted(page, '/api/search-clicks', () => second.click()), { query, page: openedFromHeader });
    await page.waitForURL((url) => url.pathname + url.hash === openedFromHeader);
    assert.deepEqual(errors, []);
    await reportWhen((html) => html.includes(`>${openedFromPage}</a>`) && html.includes(`>${openedFromHeader}</a>`));
  });

  test('without the token the page asks to sign in and shows none of it; other /team/ addresses are 404', async () => {
    const asked: [string, RequestInit][] = [
      ['/team/report/', {}],
      ['/team/report/?since=2020-01-01', { headers: { authorization: 'Bearer not-the-team-token-not-the-token' } }],
      ['/team/report', { headers: { cookie: `kb_team=${token}` } }],
    ];
    for (const [address, init] of asked) {
      const response = await fetch(`${site.url}${address}`, init);
      assert.equal(response.status, 401, address);
      assertTeamHeaders(response, address);
      const body = await response.text();
      assert.match(body, /Sign in with the team's report token/);
      for (const secret of [comment, 'Planted', query, missed, '/refunds/refund-timing/'])
        assert.ok(!body.includes(secret), `${address} shows "${secret}"`);
    }
    for (const address of ['/team/', '/team/other/', '/team/report/x']) {
      const response = await fetch(`${site.url}${address}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.status, 404, address);
      assertTeamHeaders(response, address);
      assert.match(await response.text(), /<h1>Page not found<\/h1>|Page not found/);
    }
  });

  test('the team signs in and sees the vote, the comment, the query and the pages opened', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(`${site.url}/team/report/`);
    await page.getByLabel('Report token').fill('not-the-team-token-not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: "isn't the team's token" }).waitFor();
    assert.deepEqual(await violations(page), [], 'the sign-in form');
    await page.getByLabel('Report token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Helpfulness per page' }).waitFor();

    const [cookie] = await page.context().cookies(site.url + '/team/');
    assert.equal(cookie?.name, 'kb_team');
    assert.deepEqual([cookie?.httpOnly, cookie?.sameSite, cookie?.path], [true, 'Strict', '/team/']);
    assert.ok(!cookie?.value.includes(token));

    await page.screenshot({ path: screenshot, fullPage: true });
    assert.deepEqual(await violations(page), [], 'the report');
    const pages = page.locator('section', { has: page.getByRole('heading', { name: 'Helpfulness per page' }) });
    const row = pages.getByRole('row', { name: /\/refunds\/refund-timing\// });
    assert.deepEqual(
      (await row.locator('th, td').allTextContents()).slice(0, 4).map((cell) => cell.trim()),
      ['/refunds/refund-timing/', '0', '1', '0%'],
    );
    await page.getByText(comment).waitFor();
    const misses = page.locator('section', { has: page.getByRole('heading', { name: /found nothing/ }) });
    assert.equal(
      (
        await misses
          .getByRole('row', { name: new RegExp(missed) })
          .locator('td')
          .textContent()
      )?.trim(),
      '1',
    );
    const clicks = page.locator('section', { has: page.getByRole('heading', { name: /Results opened/ }) });
    const clicked = clicks.getByRole('row', { name: new RegExp(query) });
    assert.equal((await clicked.locator('td').first().textContent())?.trim(), '2');
    for (const opened of [openedFromPage, openedFromHeader])
      assert.equal(await clicked.getByRole('link', { name: opened }).count(), 1, opened);

    // Each chart is an image with its numbers beside it.
    const votes = page.getByRole('img', { name: 'Votes per day' });
    assert.match((await votes.locator('desc').textContent()) ?? '', /0 helpful, 1 not helpful/);
    assert.equal(await page.locator('svg.chart').count(), 3);
    assert.deepEqual(errors, []);

    // The period: a bad day is explained, a good one kept.
    await page.goto(`${site.url}/team/report/?since=2026-02-30`);
    await page.getByRole('alert').filter({ hasText: 'is not one' }).waitFor();
    await page.goto(`${site.url}/team/report/?since=2000-01-01`);
    await page.getByText(comment).waitFor();

    // Another site's form posting the right token gets nothing: no cookie, no page.
    const crossSite = await fetch(`${site.url}/team/report/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ token }),
      redirect: 'manual',
    });
    // Refused by Astro's own check (security.checkOrigin) before the page runs: a fixed sentence, no cookie.
    assert.equal(crossSite.status, 403);
    assert.equal(crossSite.headers.get('set-cookie'), null);
    // The same form from the site itself: 303 with the cookie, and the team's headers on that answer too.
    const signedIn = await fetch(`${site.url}/team/report/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: site.url },
      body: new URLSearchParams({ token }),
      redirect: 'manual',
    });
    assert.equal(signedIn.status, 303);
    assertTeamHeaders(signedIn, 'the sign-in');
    assert.equal(signedIn.headers.get('location'), '/team/report/');
    assert.match(
      signedIn.headers.get('set-cookie') ?? '',
      /^kb_team=\d+\.[\w-]+; Path=\/team\/; .*HttpOnly; SameSite=Strict$/,
    );
    assert.equal(await crossSite.text(), 'Cross-site POST form submissions are forbidden');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Report token').waitFor();
    assert.deepEqual(await page.context().cookies(site.url + '/team/'), []);
  });

  test('a script reads the page with the bearer token; the page is linked from nowhere public', async () => {
    const response = await fetch(`${site.url}/team/report/`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    assertTeamHeaders(response, 'the report');
    assert.ok((await response.text()).includes(comment));
    // Rendered on request only: no copy in the built files, so none in the Pagefind index either.
    assert.equal(existsSync(new URL('../../dist/client/team', import.meta.url)), false);
    for (const address of ['/', '/sitemap-0.xml', '/robots.txt', '/llms.txt', '/feed.xml', '/refunds/refund-timing/']) {
      const text = await (await fetch(`${site.url}${address}`)).text();
      assert.ok(!text.includes('/team/'), `${address} mentions /team/`);
    }
  });
});

describe('without REPORT_TOKEN', () => {
  let bare: Site;
  before(async () => {
    bare = await startSite({ KB_DATA_DIR: dataDir });
  });
  after(() => bare?.close());

  test('every /team/ address is the site’s plain 404, even with a token in hand', async () => {
    const notFound = await (await fetch(`${bare.url}/no-such-page/`)).text();
    for (const address of ['/team/report/', '/team/', '/team/report/?since=2026-01-01']) {
      const response = await fetch(`${bare.url}${address}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.status, 404, address);
      assertTeamHeaders(response, address);
      const body = await response.text();
      assert.equal(body, notFound, `${address} answers the site's own 404 page`);
      assert.ok(!body.includes(comment));
    }
    const signIn = await fetch(`${bare.url}/team/report/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: bare.url },
      body: `token=${token}`,
      redirect: 'manual',
    });
    assert.equal(signIn.status, 404);
    assert.equal(signIn.headers.get('set-cookie'), null);
  });
});
