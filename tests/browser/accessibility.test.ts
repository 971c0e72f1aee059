/**
 * Everyone can use it: axe-core finds no WCAG 2.2 AA violation on any page type or widget state, in light and dark
 * colours; nothing scrolls sideways on a 360 px screen; motion stops when the reader asks for less.
 * Screenshots of the narrow screen go to test-results/ for a person to look at.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { openPage, useSite, type Site } from './harness.ts';

let site: Site;
let browser: Browser;

useSite((s, b) => {
  site = s;
  browser = b;
});

const PAGES = {
  home: '/',
  category: '/refunds/',
  article: '/refunds/cancel-a-refund/',
  'article with the refund demo': '/refunds/partial-refunds/',
  'article with the calculator': '/fees/refund-cost-examples/',
  faq: '/faq/',
  'faq question': '/faq/can-i-cancel-a-refund/',
  search: '/search/?q=refund',
  'search with no results': '/search/?q=qqxv',
  'not found': '/no-such-page/',
};

async function violations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
}

for (const scheme of ['light', 'dark'] as const) {
  describe(`axe, ${scheme} colours`, () => {
    for (const [name, path] of Object.entries(PAGES)) {
      test(`${name} has no WCAG 2.2 AA violations`, async () => {
        const { page } = await openPage(browser, { colorScheme: scheme });
        await page.goto(`${site.url}${path}`);
        if (path.startsWith('/search/'))
          await page.waitForFunction(() =>
            /results? for|No results/.test(document.querySelector('.search-status')?.textContent ?? ''),
          );
        assert.deepEqual(await violations(page), []);
      });
    }

    test('the open header search has no violations', async () => {
      const { page } = await openPage(browser, { colorScheme: scheme });
      await page.goto(`${site.url}/fees/`);
      await page.keyboard.press('/');
      await page.keyboard.type('refund');
      await page.locator('#site-search-results [role="option"]').first().waitFor();
      await page.keyboard.press('ArrowDown');
      assert.deepEqual(await violations(page), []);
    });

    test('the refund demo has no violations in any state', async () => {
      const { page } = await openPage(browser, { colorScheme: scheme });
      await page.goto(`${site.url}/refunds/partial-refunds/`);
      const demo = page.locator('[data-refund-demo]');
      assert.deepEqual(await violations(page, '[data-refund-demo]'), [], 'at rest');
      await demo.getByLabel('Amount', { exact: true }).fill('abc');
      await demo.getByRole('button', { name: 'Create test payment' }).click();
      assert.deepEqual(await violations(page, '[data-refund-demo]'), [], 'with an input error');
      await demo.getByLabel('Amount', { exact: true }).fill('20.00');
      await demo.getByRole('button', { name: 'Create test payment' }).click();
      await demo.locator('[data-payment]').waitFor();
      await demo.locator('[data-refund-form]').getByLabel('Refund amount').fill('5');
      await demo.locator('[data-refund-form]').getByRole('button', { name: 'Refund' }).click();
      await demo.locator('[data-refunds] tbody tr').first().waitFor();
      await demo.locator('[data-refund-form]').getByLabel('Reason').selectOption('other');
      await demo.locator('[data-refund-form]').getByLabel('Refund amount').fill('500');
      await demo.locator('[data-refund-form]').getByRole('button', { name: 'Refund' }).click();
      await demo.locator('[data-error="refund"]').waitFor();
      await demo.locator('summary').click();
      assert.deepEqual(
        await violations(page, '[data-refund-demo]'),
        [],
        'with a payment, a refund, an error and the API view open',
      );
    });

    test('the calculator has no violations, with results and with an error', async () => {
      const { page } = await openPage(browser, { colorScheme: scheme });
      await page.goto(`${site.url}/fees/refund-cost-examples/`);
      assert.deepEqual(await violations(page, '[data-fee-calculator]'), []);
      await page.locator('[data-fee-calculator]').getByLabel('Refund amount ($)').fill('500');
      await page.locator('[data-fee-calculator] [role="alert"]').waitFor();
      assert.deepEqual(await violations(page, '[data-fee-calculator]'), []);
    });

    test('the feedback form has no violations once open', async () => {
      const { page } = await openPage(browser, { colorScheme: scheme });
      await page.goto(`${site.url}/refunds/cancel-a-refund/`);
      await page.locator('.feedback').getByRole('button', { name: 'No' }).click();
      await page.locator('.feedback-form').waitFor();
      assert.deepEqual(await violations(page, '.feedback'), []);
    });
  });
}

describe('small screens and reduced motion', () => {
  test('no page scrolls sideways at 360 px', async () => {
    mkdirSync('test-results', { recursive: true });
    const { page } = await openPage(browser, { viewport: { width: 360, height: 740 } });
    const wide: string[] = [];
    for (const [name, path] of Object.entries(PAGES)) {
      await page.goto(`${site.url}${path}`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) wide.push(`${name}: ${overflow}px too wide`);
      await page.screenshot({ path: `test-results/360-${name.replace(/\W+/g, '-')}.png`, fullPage: true });
    }
    assert.deepEqual(wide, []);
  });

  test('with reduced motion asked for, nothing animates or scrolls smoothly', async () => {
    const { page } = await openPage(browser, { reducedMotion: 'reduce' });
    await page.goto(`${site.url}/refunds/partial-refunds/`);
    await page.keyboard.press('/');
    await page.keyboard.type('refund');
    await page.locator('#site-search-results [role="option"]').first().waitFor();
    const moving = await page.evaluate(() => ({
      animations: document.getAnimations().length,
      smooth: getComputedStyle(document.documentElement).scrollBehavior,
      transitions: [...document.querySelectorAll('*')].filter(
        (el) => parseFloat(getComputedStyle(el).transitionDuration) > 0.01,
      ).length,
    }));
    assert.deepEqual(moving, { animations: 0, smooth: 'auto', transitions: 0 });
  });
});
