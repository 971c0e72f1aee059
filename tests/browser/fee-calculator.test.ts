/** The refund and fee calculator, used by mouse and by keyboard alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { openPage, useSite, type Site } from './harness.ts';

let site: Site;
let browser: Browser;

useSite((s, b) => {
  site = s;
  browser = b;
});

const PAGE = '/fees/refund-cost-examples/';

test('the calculator shows the worked example, then follows the reader’s numbers', async () => {
  const { page, errors } = await openPage(browser);
  await page.goto(`${site.url}${PAGE}`);
  const calc = page.locator('[data-fee-calculator]');
  const out = (name: string) => calc.locator(`[data-out="${name}"]`).textContent();
  assert.equal(await out('feeKept'), '$3.20');
  assert.equal(await out('kept'), '$56.80');

  await calc.getByLabel('Payment amount ($)').fill('250');
  await calc.getByLabel('Refund amount ($)').fill('250');
  assert.equal(await out('refunded'), '$250.00');
  assert.equal(await out('balanceLoss'), '$250.00');
  assert.equal(await out('feeKept'), '$7.55'); // 2.9% of $250 = $7.25, + $0.30
  assert.equal(await out('kept'), '-$7.55');
  assert.equal(await out('remaining'), '$0.00');

  await calc.getByLabel('Fee: percent').fill('1.5');
  await calc.getByLabel('Fee: fixed (¢)').fill('25');
  assert.equal(await out('feeKept'), '$4.00');
  assert.deepEqual(errors, []);
});

test('a refund above the payment is explained and the field is marked', async () => {
  const { page } = await openPage(browser);
  await page.goto(`${site.url}${PAGE}`);
  const calc = page.locator('[data-fee-calculator]');
  await calc.getByLabel('Refund amount ($)').fill('150');
  const alert = calc.getByRole('alert');
  assert.match((await alert.textContent()) ?? '', /at most the payment amount, \$100\.00/);
  assert.equal(await calc.getByLabel('Refund amount ($)').getAttribute('aria-invalid'), 'true');
  await calc.getByLabel('Refund amount ($)').fill('15');
  assert.ok(await alert.isHidden());
  assert.equal(await calc.locator('[data-out="kept"]').textContent(), '$81.80');
});

test('keyboard only: Tab reaches every field and typing updates the results', async () => {
  const { page } = await openPage(browser);
  await page.goto(`${site.url}${PAGE}`);
  await page.locator('[data-fee-calculator] input[name="amount"]').focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('20');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).name), 'refund');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('5');
  assert.equal(await page.locator('[data-fee-calculator] [data-out="kept"]').textContent(), '$14.12'); // 20 − 0.88 − 5
});
