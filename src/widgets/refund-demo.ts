/**
 * Behaviour of the refund demo widget. State lives in the DOM and in `payment`; every change of a refund's status
 * is announced in a live region, and every call is added to the API view.
 */
import { parseAmount } from '../lib/fees.ts';
import { demoApi, type DemoPayment, type DemoRefund, type Exchange, type Outcome } from './demo-api.ts';
import * as t from '../i18n/en.ts';
import { format } from '../i18n/format.ts';

const POLL_MS = 1500;
const POLL_LIMIT = 20;
/** How long after an answer the same click still counts as the same action (a double click). */
const REPEAT_WINDOW_MS = 3000;
// Looked up by what Stripe sends, which may be a value this site has no words for.
const REASONS: Record<string, string> = t.demoReasons;
const STATUS_WORDS: Record<string, string> = t.demoStatusWords;

function money(amount: number | null, currency: string): string {
  if (amount === null) return '—';
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}

function newKey(): string {
  return crypto.randomUUID();
}

export function mountRefundDemo(root: HTMLElement): void {
  const q = <T extends Element>(selector: string) => root.querySelector<T>(selector)!;
  const paymentForm = q<HTMLFormElement>('[data-payment-form]');
  const refundForm = q<HTMLFormElement>('[data-refund-form]');
  const paymentBox = q<HTMLElement>('[data-payment]');
  const announce = q<HTMLElement>('[data-announce]');
  const apiView = q<HTMLDetailsElement>('[data-api]');
  const exchanges = q<HTMLOListElement>('[data-exchanges]');
  const refundsTable = q<HTMLTableElement>('[data-refunds]');
  const resetButton = q<HTMLButtonElement>('[data-reset]');
  const noteField = q<HTMLElement>('[data-note]');
  const modeBadge = q<HTMLElement>('[data-mode]');

  let payment: DemoPayment | undefined;
  let scenario = 'succeeds';
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The current run, from a payment to "Start over". Every call takes its signal, and an answer that arrives after
   * the run ended (a poll or a refund still on its way) is dropped instead of bringing the old payment back.
   */
  let currentRun = new AbortController();
  let lastAction: { signature: string; key: string; at: number; settled: boolean } | undefined;

  void demoApi.status().then((r) => {
    if (!r.ok) return;
    modeBadge.textContent = r.data.mode === 'emulator' ? t.demoModeEmulator : t.demoModeTest;
    modeBadge.hidden = false;
  });

  /** Shows one error, next to the form it is about (`payment` or `refund`), and clears the other. */
  const showError = (where: 'payment' | 'refund', message: string | undefined, field?: HTMLElement) => {
    root.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    root.querySelectorAll<HTMLElement>('[data-error]').forEach((box) => {
      const show = box.dataset.error === where && !!message;
      box.hidden = !show;
      box.textContent = show ? message! : '';
    });
    field?.setAttribute('aria-invalid', 'true');
  };

  const record = (exchange: Exchange) => {
    apiView.hidden = false;
    const item = document.createElement('li');
    const title = document.createElement('p');
    const status = document.createElement('span');
    status.className = 'exchange-status';
    status.textContent = String(exchange.status || t.demoNoAnswer);
    title.append(`${exchange.method} ${exchange.path} → `, status);
    const pre = document.createElement('pre');
    // A scrollable block must be reachable by keyboard to be scrolled.
    pre.tabIndex = 0;
    const request =
      exchange.body === undefined ? '' : `${t.demoRequestBody}\n${JSON.stringify(exchange.body, null, 2)}\n\n`;
    pre.textContent = `${request}${t.demoResponse}\n${JSON.stringify(exchange.response, null, 2)}`;
    item.append(title, pre);
    exchanges.prepend(item);
  };

  /** Ends the current run and starts the next: the old run's calls in flight are aborted and their answers ignored. */
  const startRun = () => {
    clearTimeout(pollTimer);
    currentRun.abort();
    currentRun = new AbortController();
  };

  /**
   * Runs one call with the form's buttons disabled, so a double click sends one request. Resolves to `undefined`
   * when the run ended while the call was on its way.
   */
  const run = async <T>(
    form: HTMLFormElement | undefined,
    call: (signal: AbortSignal) => Promise<Outcome<T>>,
  ): Promise<Outcome<T> | undefined> => {
    const buttons = form ? Array.from(form.querySelectorAll('button')) : [];
    buttons.forEach((b) => (b.disabled = true));
    root.setAttribute('aria-busy', 'true');
    const { signal } = currentRun;
    try {
      const outcome = await call(signal);
      if (signal.aborted) return undefined;
      record(outcome.exchange);
      return outcome;
    } finally {
      buttons.forEach((b) => (b.disabled = false));
      root.removeAttribute('aria-busy');
    }
  };

  /**
   * The Idempotency-Key for an action. The same action (same form, same values) sent again while unanswered, or
   * within a double click's reach of its answer, reuses the key, so Stripe replays the first result instead of
   * refunding twice. Anything else is a new action with a new key.
   */
  const keyFor = (signature: string) => {
    const now = Date.now();
    if (lastAction?.signature === signature && (!lastAction.settled || now - lastAction.at < REPEAT_WINDOW_MS))
      return lastAction.key;
    lastAction = { signature, key: newKey(), at: now, settled: false };
    return lastAction.key;
  };
  /** A definite answer (success or a 4xx) settles the action; a network failure leaves it open for a retry. */
  const settle = (outcome: Outcome<unknown>) => {
    if (lastAction && (outcome.ok || outcome.exchange.status !== 0))
      Object.assign(lastAction, { settled: true, at: Date.now() });
  };

  const render = (next: DemoPayment) => {
    const previous = payment;
    payment = next;
    paymentBox.hidden = false;
    resetButton.hidden = false;
    const c = next.currency;
    // Fee and net are in the balance's currency, which need not be the payment's.
    const settled = next.balance_currency ?? c;
    const status = next.status.replaceAll('_', ' ');
    q<HTMLElement>('[data-payment-title]').textContent = format(t.demoPaymentTitle, {
      id: next.id,
      status: next.disputed ? format(t.demoDisputed, { status }) : status,
    });
    for (const field of ['amount', 'amount_refunded', 'refundable'] as const) {
      q<HTMLElement>(`[data-field="${field}"]`).textContent = money(next[field], c);
    }
    for (const field of ['fee', 'net'] as const) {
      q<HTMLElement>(`[data-field="${field}"]`).textContent = money(next[field], settled);
    }
    q<HTMLElement>('[data-fee-note]').textContent =
      next.fee === null ? t.demoNoFee : format(t.demoFeeStays, { fee: money(next.fee, settled) });
    renderRefunds(next);
    for (const refund of next.refunds) {
      const before = previous?.refunds.find((r) => r.id === refund.id);
      if (before && before.status !== refund.status)
        say(
          format(t.demoStatusChanged, {
            id: refund.id,
            status: STATUS_WORDS[refund.status ?? ''] ?? String(refund.status),
          }),
        );
    }
  };

  const renderRefunds = (p: DemoPayment) => {
    const body = refundsTable.tBodies[0]!;
    refundsTable.hidden = p.refunds.length === 0;
    body.replaceChildren(
      ...p.refunds.map((refund) => {
        const row = document.createElement('tr');
        const cell = (text: string) => {
          const td = document.createElement('td');
          td.textContent = text;
          return td;
        };
        const status = document.createElement('td');
        const badge = document.createElement('span');
        badge.className = 'refund-status';
        badge.dataset.status = refund.status ?? '';
        badge.textContent = refund.status ?? t.demoUnknownStatus;
        status.append(badge);
        if (refund.failure_reason) status.append(` (${refund.failure_reason.replaceAll('_', ' ')})`);
        const actions = document.createElement('td');
        if (refund.status !== 'canceled' && refund.status !== 'failed') actions.append(cancelButton(refund));
        row.append(
          cell(refund.id),
          cell(money(refund.amount, p.currency)),
          status,
          cell(REASONS[refund.reason ?? ''] ?? '—'),
          actions,
        );
        return row;
      }),
    );
  };

  const cancelButton = (refund: DemoRefund) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.textContent = t.demoCancel;
    button.setAttribute('aria-label', format(t.demoCancelLabel, { id: refund.id }));
    button.addEventListener('click', async () => {
      button.disabled = true;
      const outcome = await run(undefined, (signal) =>
        demoApi.cancelRefund(refund.id, keyFor(`cancel:${refund.id}`), signal),
      );
      if (!outcome) return;
      settle(outcome);
      if (outcome.ok) {
        showError('refund', undefined);
        render(outcome.data.payment);
      } else {
        button.disabled = false;
        showError('refund', outcome.error.message);
      }
    });
    return button;
  };

  const say = (message: string) => {
    announce.textContent = message;
  };

  /** Follows refunds that are still moving (pending, or succeeded on a card whose refunds fail later). */
  const poll = (remaining = POLL_LIMIT) => {
    clearTimeout(pollTimer);
    const moving = payment?.refunds.some(
      (r) =>
        r.status === 'pending' ||
        r.status === 'requires_action' ||
        (scenario === 'refund_fails' && r.status === 'succeeded'),
    );
    if (!payment || !moving || remaining <= 0) return;
    const { signal } = currentRun;
    pollTimer = setTimeout(async () => {
      if (!payment) return;
      const outcome = await demoApi.getPayment(payment.id, signal);
      if (signal.aborted) return;
      if (outcome.ok) {
        const changed = JSON.stringify(outcome.data.payment.refunds) !== JSON.stringify(payment.refunds);
        if (changed) record(outcome.exchange);
        render(outcome.data.payment);
      }
      poll(remaining - 1);
    }, POLL_MS);
  };

  paymentForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const amountInput = paymentForm.elements.namedItem('amount') as HTMLInputElement;
    const amount = parseAmount(amountInput.value);
    if (amount === undefined || amount < 50 || amount > 100_000) {
      showError('payment', t.demoBadPaymentAmount, amountInput);
      amountInput.focus();
      return;
    }
    const data = new FormData(paymentForm);
    scenario = String(data.get('scenario'));
    const input = { amount, currency: String(data.get('currency')), scenario };
    const outcome = await run(paymentForm, (signal) =>
      demoApi.createPayment(input, keyFor(`payment:${JSON.stringify(input)}`), signal),
    );
    if (!outcome) return;
    settle(outcome);
    if (!outcome.ok) {
      showError('payment', outcome.error.message);
      return;
    }
    // A new payment starts a new run: the previous payment's polls must not overwrite it.
    startRun();
    showError('payment', undefined);
    render(outcome.data.payment);
    const p = outcome.data.payment;
    say(
      format(t.demoPaymentCreated, {
        amount: money(p.amount, p.currency),
        fee: money(p.fee, p.balance_currency ?? p.currency),
        net: money(p.net, p.balance_currency ?? p.currency),
      }),
    );
    q<HTMLElement>('[data-payment-title]').focus();
  });

  refundForm.addEventListener('change', () => {
    noteField.hidden = (refundForm.elements.namedItem('reason') as HTMLSelectElement).value !== 'other';
  });

  refundForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!payment) return;
    const amountInput = refundForm.elements.namedItem('amount') as HTMLInputElement;
    const noteInput = refundForm.elements.namedItem('note') as HTMLTextAreaElement;
    const reason = (refundForm.elements.namedItem('reason') as HTMLSelectElement).value;
    const input: { amount?: number; reason: string; note?: string } = { reason };
    if (amountInput.value.trim()) {
      const amount = parseAmount(amountInput.value);
      if (amount === undefined || amount <= 0) {
        showError('refund', t.demoBadRefundAmount, amountInput);
        amountInput.focus();
        return;
      }
      input.amount = amount;
    }
    if (reason === 'other') {
      if (!noteInput.value.trim()) {
        showError('refund', t.demoNoteMissing, noteInput);
        noteInput.focus();
        return;
      }
      input.note = noteInput.value.trim();
    }
    const id = payment.id;
    const outcome = await run(refundForm, (signal) =>
      demoApi.refund(id, input, keyFor(`refund:${id}:${JSON.stringify(input)}`), signal),
    );
    if (!outcome) return;
    settle(outcome);
    if (!outcome.ok) {
      const field = outcome.error.param
        ? (refundForm.elements.namedItem(outcome.error.param) as HTMLElement | null)
        : null;
      showError('refund', outcome.error.message, field ?? undefined);
      return;
    }
    showError('refund', undefined);
    render(outcome.data.payment);
    const r = outcome.data.refund;
    const { currency, refundable } = outcome.data.payment;
    say(
      format(t.demoRefundCreated, {
        amount: money(r.amount, currency),
        status: STATUS_WORDS[r.status ?? ''] ?? String(r.status),
        refundable: money(refundable, currency),
      }),
    );
    poll();
  });

  resetButton.addEventListener('click', () => {
    startRun();
    payment = undefined;
    paymentBox.hidden = true;
    resetButton.hidden = true;
    refundsTable.tBodies[0]!.replaceChildren();
    showError('payment', undefined);
    (paymentForm.elements.namedItem('amount') as HTMLInputElement).focus();
  });
}
