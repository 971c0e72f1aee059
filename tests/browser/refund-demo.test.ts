/**
 * The test-mode refund demo, clicked through in Chromium against the running site: the function and the built-in
 * Stripe emulator answer for real over HTTP.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page, Route } from 'playwright-core';
import { openPage, useSite, type Site } from './harness.ts';

let site: Site;
let browser: Browser;

useSite((s, b) => {
  site = s;
  browser = b;
});

async function openDemo(path = '/refunds/partial-refunds/'): Promise<{ page: Page; demo: Locator; errors: string[] }> {
  const { page, errors } = await openPage(browser);
  await page.goto(`${site.url}${path}`);
  return { page, demo: page.locator('[data-refund-demo]').first(), errors };
}

async function createPayment(demo: Locator, amount: string, scenario: string): Promise<void> {
  await demo.getByLabel('Amount', { exact: true }).fill(amount);
  await demo.getByLabel('Test card').selectOption(scenario);
  await demo.getByRole('button', { name: 'Create test payment' }).click();
  await demo.locator('[data-payment]').waitFor();
}

const field = (demo: Locator, name: string) => demo.locator(`[data-field="${name}"]`).textContent();

async function refund(demo: Locator, amount: string, reason = 'requested_by_customer'): Promise<void> {
  const form = demo.locator('[data-refund-form]');
  await form.getByLabel('Refund amount').fill(amount);
  await form.getByLabel('Reason').selectOption(reason);
  const before = await demo.locator('[data-exchanges] > li').count();
  await form.getByRole('button', { name: 'Refund' }).click();
  await demo.locator('[data-exchanges] > li').nth(before).waitFor({ state: 'attached' });
}

test('a payment, two partial refunds, then a refund of what is left: amounts, fee and statuses follow', async () => {
  const { demo, errors } = await openDemo();
  await demo.locator('[data-mode]', { hasText: 'Offline: built-in Stripe emulator' }).waitFor();
  await createPayment(demo, '100.00', 'succeeds');
  assert.equal(await field(demo, 'amount'), '$100.00');
  assert.equal(await field(demo, 'fee'), '$3.20');
  assert.equal(await field(demo, 'net'), '$96.80');
  assert.equal(await field(demo, 'refundable'), '$100.00');

  await refund(demo, '40');
  assert.equal(await field(demo, 'refundable'), '$60.00');
  await refund(demo, '25.50');
  assert.equal(await field(demo, 'amount_refunded'), '$65.50');
  await refund(demo, '');
  assert.equal(await field(demo, 'refundable'), '$0.00');
  assert.equal(await field(demo, 'amount_refunded'), '$100.00');
  assert.equal(await field(demo, 'fee'), '$3.20', 'the fee is not returned');
  const rows = demo.locator('[data-refunds] tbody tr');
  assert.equal(await rows.count(), 3);
  assert.deepEqual(await demo.locator('[data-refunds] .refund-status').allTextContents(), [
    'succeeded',
    'succeeded',
    'succeeded',
  ]);
  assert.deepEqual(errors, []);
});

test('the error cases are explained in plain words, next to the refund form', async () => {
  const { demo } = await openDemo();
  await createPayment(demo, '20.00', 'succeeds');
  await refund(demo, '30');
  const alert = demo.locator('[data-error="refund"]');
  assert.match((await alert.textContent()) ?? '', /\$30\.00.*\$20\.00/);
  assert.equal(
    await demo.locator('[data-refund-form]').getByLabel('Refund amount').getAttribute('aria-invalid'),
    'true',
  );

  await refund(demo, '');
  assert.ok(await alert.isHidden(), 'a successful refund clears the error');
  await refund(demo, '1');
  assert.match((await alert.textContent()) ?? '', /already|nothing left|fully refunded/i);
  assert.match((await demo.locator('[data-exchanges] .exchange-status').first().textContent()) ?? '', /^4\d\d$/);
});

test('“Other” needs a note; with one, the refund records the reason', async () => {
  const { demo } = await openDemo();
  await createPayment(demo, '10.00', 'succeeds');
  const form = demo.locator('[data-refund-form]');
  await form.getByLabel('Reason').selectOption('other');
  const note = form.getByLabel('Note (required for Other)');
  assert.ok(await note.isVisible(), 'the note appears for Other');
  await form.getByRole('button', { name: 'Refund' }).click();
  assert.match((await demo.locator('[data-error="refund"]').textContent()) ?? '', /needs a note/);
  assert.equal(await note.getAttribute('aria-invalid'), 'true');
  await note.fill('Customer returned the item in store');
  await form.getByRole('button', { name: 'Refund' }).click();
  await demo.locator('[data-refunds] tbody tr').first().waitFor();
  assert.equal(await demo.locator('[data-refunds] tbody tr td').nth(3).textContent(), 'Other');
});

test('a pending refund turns succeeded by itself, and the change is announced', async () => {
  const { demo } = await openDemo('/refunds/test-mode-refunds/');
  await createPayment(demo, '30.00', 'refund_pending');
  await refund(demo, '10');
  const status = demo.locator('[data-refunds] .refund-status').first();
  assert.equal(await status.textContent(), 'pending');
  await status.filter({ hasText: 'succeeded' }).waitFor({ timeout: 15_000 });
  assert.match((await demo.locator('[data-announce]').textContent()) ?? '', /now succeeded/);
});

test('a refund on the failing card turns failed and the money comes back as refundable', async () => {
  const { demo } = await openDemo('/refunds/refund-statuses/');
  await createPayment(demo, '30.00', 'refund_fails');
  await refund(demo, '');
  await demo.locator('[data-refunds] .refund-status', { hasText: 'failed' }).waitFor({ timeout: 15_000 });
  assert.equal(await field(demo, 'amount_refunded'), '$0.00');
  assert.equal(await field(demo, 'refundable'), '$30.00');
});

test('a disputed payment cannot be refunded, and a declined card makes no payment', async () => {
  const { demo } = await openDemo('/refunds/refund-errors/');
  await createPayment(demo, '15.00', 'disputed');
  await refund(demo, '5');
  assert.match((await demo.locator('[data-error="refund"]').textContent()) ?? '', /disput/i);

  await demo.getByRole('button', { name: 'Start over' }).click();
  await demo.getByLabel('Test card').selectOption('declined');
  await demo.getByRole('button', { name: 'Create test payment' }).click();
  const alert = demo.locator('[data-error="payment"]');
  await alert.waitFor();
  assert.match((await alert.textContent()) ?? '', /declined/i);
});

/**
 * Holds the first status poll of a payment (GET /api/demo/payments/<id>) until the test lets it go, so the test can
 * act while the poll is on its way.
 */
function holdFirstPoll(page: Page): Promise<Route> {
  return new Promise((resolve) => {
    void page.route(/\/api\/demo\/payments\/[^/]+$/, (route) => {
      if (route.request().method() === 'GET') resolve(route);
      else void route.continue();
    });
  });
}

/**
 * Resolves once the page has dealt with every answer it had already received: a request made now from the page
 * goes to the server and back, so its answer is queued behind them.
 */
async function pageCaughtUp(page: Page): Promise<void> {
  await page.evaluate(() => fetch('/api/demo/status').then((r) => r.text()));
}

test('after “Start over”, a status poll still on its way for the earlier payment does not bring it back', async () => {
  const { page, demo, errors } = await openDemo('/refunds/test-mode-refunds/');
  const poll = holdFirstPoll(page);
  await createPayment(demo, '30.00', 'refund_pending');
  await refund(demo, '10');
  const route = await poll;
  await demo.getByRole('button', { name: 'Start over' }).click();
  await createPayment(demo, '12.00', 'succeeds');
  const fresh = await demo.locator('[data-payment-title]').textContent();

  // The fixed widget has already aborted this request, so letting it go may be refused: either way it ends here.
  await route.continue().catch(() => {});
  await route
    .request()
    .response()
    .catch(() => null);
  await pageCaughtUp(page);
  assert.equal(await demo.locator('[data-payment-title]').textContent(), fresh);
  assert.equal(await field(demo, 'amount'), '$12.00');
  assert.equal(await field(demo, 'amount_refunded'), '$0.00');
  assert.equal(await demo.locator('[data-refunds] tbody tr').count(), 0);
  assert.deepEqual(errors, []);
});

test('a double click refunds once', async () => {
  const { page, demo } = await openDemo();
  await createPayment(demo, '50.00', 'succeeds');
  await demo.locator('[data-refund-form]').getByLabel('Refund amount').fill('5');
  const answers: Promise<unknown>[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/refunds')) answers.push(r.response());
  });
  await demo.locator('[data-refund-form]').getByRole('button', { name: 'Refund' }).dblclick();
  await demo.locator('[data-refunds] tbody tr').first().waitFor();
  // Every refund request the clicks sent has been answered and handled before anything is counted.
  await Promise.all(answers);
  await pageCaughtUp(page);
  assert.equal(await demo.locator('[data-refunds] tbody tr').count(), 1);
  assert.equal(await field(demo, 'amount_refunded'), '$5.00');
  const id = /pi_\w+/.exec((await demo.locator('[data-payment-title]').textContent()) ?? '')?.[0];
  const stored = await page.evaluate(
    async (path) => ((await (await fetch(path)).json()) as { payment: { refunds: unknown[] } }).payment,
    `/api/demo/payments/${id}`,
  );
  assert.equal(stored.refunds.length, 1, 'Stripe holds one refund');
});

test('keyboard only: create a payment and refund it without the mouse', async () => {
  const { page, demo } = await openDemo();
  await demo.getByLabel('Amount', { exact: true }).focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('12.00');
  await page.keyboard.press('Enter');
  await demo.locator('[data-payment]').waitFor();
  assert.equal(
    await page.evaluate(() => document.activeElement?.hasAttribute('data-payment-title')),
    true,
    'focus moves to the new payment',
  );
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).name), 'amount');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await demo.locator('[data-refunds] tbody tr').first().waitFor();
  assert.equal(await field(demo, 'refundable'), '$10.00');
});

test('a payment in another currency than the account’s shows fee and net in the balance’s currency', async () => {
  const { page, demo, errors } = await openDemo();
  // The emulator settles every payment in its own currency; Stripe settles a EUR payment on a USD account in USD.
  // The function's real answer is taken and given the balance currency Stripe would report.
  await page.route('**/api/demo/payments', async (route: Route) => {
    const response = await route.fetch();
    const body = await response.json();
    body.payment.balance_currency = 'usd';
    await route.fulfill({ response, json: body });
  });
  await demo.getByLabel('Currency').selectOption('eur');
  await createPayment(demo, '50.00', 'succeeds');
  assert.equal(await field(demo, 'amount'), '€50.00');
  assert.match((await field(demo, 'fee')) ?? '', /^\$/);
  assert.match((await field(demo, 'net')) ?? '', /^\$/);
  assert.match((await demo.locator('[data-fee-note]').textContent()) ?? '', /\$/);
  assert.deepEqual(errors, []);
});
