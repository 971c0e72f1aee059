/**
 * "Where is my refund?": every case of the decision table is reached by clicking through its questions, each
 * answer links the right article, and without JavaScript the page lists every case instead.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Browser, Locator } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { troubleshooterSchema } from '../../src/content/schemas.ts';
import { pathsToCases } from '../../src/lib/troubleshooter.ts';
import { openPage, useSite, type Site } from './harness.ts';

let site: Site;
let browser: Browser;

useSite((s, b) => {
  site = s;
  browser = b;
});

const table = troubleshooterSchema.parse(
  parse(readFileSync(new URL('../../content/troubleshooters/where-is-my-refund.yaml', import.meta.url), 'utf8')),
);
const label = (question: string, option: string) =>
  table.questions.find((q) => q.id === question)!.options.find((o) => o.id === option)!.label;
const legend = (question: string) => table.questions.find((q) => q.id === question)!.label;
const PAGES = ['/refunds/refund-timing/', '/refunds/failed-refunds/'];

/** The questions a reader can see right now, by their legends. */
const visibleQuestions = (widget: Locator) =>
  widget.locator('fieldset:visible legend').evaluateAll((legends) => legends.map((l) => l.textContent?.trim()));

describe('every path through "Where is my refund?"', () => {
  for (const [caseId, path] of pathsToCases(table)) {
    const expected = table.cases.find((c) => c.id === caseId)!;
    test(`${path.map(([q, o]) => `${q}: ${o}`).join(', ')} → ${caseId}`, async () => {
      const { page, errors } = await openPage(browser);
      await page.goto(`${site.url}${PAGES[0]}`);
      const widget = page.locator('[data-troubleshooter]');
      const result = widget.locator('[data-result]');
      assert.deepEqual(await visibleQuestions(widget), [legend('status')], 'first, only the status is asked');
      for (const [i, [question, option]] of path.entries()) {
        assert.equal(await result.textContent(), '', 'no answer before the last question');
        await widget
          .getByRole('group', { name: legend(question) })
          .getByLabel(label(question, option))
          .check();
        assert.deepEqual(
          await visibleQuestions(widget),
          path
            .slice(0, i + 1)
            .map(([q]) => legend(q))
            .concat(i + 1 < path.length ? [legend(path[i + 1]![0])] : []),
        );
      }
      const text = (await result.textContent()) ?? '';
      assert.ok(text.includes(expected.answer.replaceAll('`', '')), `the answer of "${caseId}" is shown: ${text}`);
      assert.ok(text.includes(expected.next.replaceAll('`', '')));
      assert.equal(await result.getByRole('link', { name: /./ }).first().getAttribute('href'), `/${expected.article}/`);
      const article = await page.request.get(`${site.url}/${expected.article}/`);
      assert.equal(article.status(), 200, `${expected.article} exists`);
      assert.deepEqual(errors, []);
    });
  }
});

describe('"Where is my refund?" as a reader uses it', () => {
  test('changing an earlier answer changes the questions and the answer; Start over clears them', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site.url}${PAGES[1]}`);
    const widget = page.locator('[data-troubleshooter]');
    const status = widget.getByRole('group', { name: legend('status') });
    await status.getByLabel(label('status', 'succeeded')).check();
    await widget
      .getByRole('group', { name: legend('method') })
      .getByLabel(label('method', 'card'))
      .check();
    assert.equal(await widget.locator('fieldset:visible').count(), 3);
    await status.getByLabel(label('status', 'failed')).check();
    assert.deepEqual(await visibleQuestions(widget), [legend('status')]);
    assert.match((await widget.locator('[data-result]').textContent()) ?? '', /The refund failed/);
    await widget.getByRole('button', { name: 'Start over' }).click();
    await page.waitForFunction(() => document.querySelector('[data-result]')?.textContent === '');
    assert.deepEqual(await visibleQuestions(widget), [legend('status')]);
    assert.equal(await status.locator('input:checked').count(), 0);
  });

  test('a link to one case opens the list at that case', async () => {
    const { page } = await openPage(browser);
    await page.goto(`${site.url}${PAGES[0]}#where-is-my-refund-card-late`);
    const item = page.locator('#where-is-my-refund-card-late');
    assert.ok(await item.isVisible());
    assert.match((await item.textContent()) ?? '', /reference number \(ARN\)/);
  });

  test('without JavaScript, every case is listed with its conditions, answer and article', async () => {
    const { page } = await openPage(browser, { javaScriptEnabled: false });
    await page.goto(`${site.url}${PAGES[1]}`);
    const widget = page.locator('[data-troubleshooter]');
    assert.equal(await widget.locator('form').isVisible(), false, 'no questions that could not be answered');
    const items = widget.locator('li[data-case]');
    assert.equal(await items.count(), table.cases.length);
    for (const [i, c] of table.cases.entries()) {
      const item = items.nth(i);
      assert.ok(await item.isVisible());
      const text = (await item.textContent()) ?? '';
      for (const [question, options] of Object.entries(c.when))
        for (const option of options) assert.ok(text.includes(label(question, option)), `${c.id} names "${option}"`);
      assert.equal(await item.locator('a[href^="/"]:not([data-action])').getAttribute('href'), `/${c.article}/`);
    }
  });

  for (const scheme of ['light', 'dark'] as const)
    test(`axe finds nothing, ${scheme} colours, asking and answering`, async () => {
      const { page } = await openPage(browser, { colorScheme: scheme });
      await page.goto(`${site.url}${PAGES[0]}`);
      const axe = async () =>
        (
          await new AxeBuilder({ page })
            .include('[data-troubleshooter]')
            .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
            .analyze()
        ).violations.map((v) => `${v.id}: ${v.help}`);
      assert.deepEqual(await axe(), [], 'asking');
      const widget = page.locator('[data-troubleshooter]');
      await widget.getByLabel(label('status', 'succeeded')).check();
      await widget.getByLabel(label('method', 'card')).check();
      await widget.getByLabel(label('replaced', 'no')).check();
      await widget.getByLabel(label('days', 'over-10')).check();
      await widget.locator('details summary').click();
      assert.deepEqual(await axe(), [], 'answered, with the list of cases open');
    });
});
