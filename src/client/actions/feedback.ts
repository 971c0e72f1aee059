/**
 * "Was this helpful?": Yes is sent at once; No asks why (four reasons and an optional comment) before sending.
 * The answer goes to the feedback function, which keeps no personal data.
 */
import * as t from '../../i18n/en.ts';

export function startFeedback(control: HTMLElement): void {
  const box = control.closest<HTMLElement>('[data-feedback-page]');
  if (!box || box.dataset.state === 'sent') return;
  if (control.dataset.value === 'yes') void send(box, { helpful: true });
  else showReasons(box);
}

function status(box: HTMLElement, text: string): void {
  box.querySelector<HTMLElement>('.feedback-status')!.textContent = text;
}

async function send(box: HTMLElement, answer: { helpful: boolean; reason?: string; comment?: string }): Promise<void> {
  box.dataset.state = 'sending';
  box.querySelectorAll('button').forEach((b) => (b.disabled = true));
  const response = await fetch('/api/feedback', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ page: box.dataset.feedbackPage, ...answer }),
  }).catch(() => undefined);
  if (response?.ok) {
    box.dataset.state = 'sent';
    box.querySelector('form')?.remove();
    box.querySelector('.feedback-buttons')?.remove();
    status(box, answer.helpful ? t.feedbackThanksHelped : t.feedbackThanksNotHelped);
    return;
  }
  box.dataset.state = '';
  box.querySelectorAll('button').forEach((b) => (b.disabled = false));
  const error = (await response?.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  status(box, error?.error?.message ?? t.feedbackNotSent);
}

function showReasons(box: HTMLElement): void {
  if (box.querySelector('form')) return;
  const id = `${box.id || 'feedback'}-reason`;
  const form = document.createElement('form');
  form.className = 'feedback-form';
  const fieldset = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = t.feedbackWhatWentWrong;
  fieldset.append(legend);
  Object.entries(t.feedbackReasons).forEach(([value, label], i) => {
    const input = Object.assign(document.createElement('input'), {
      type: 'radio',
      name: 'reason',
      value,
      id: `${id}-${i}`,
      required: true,
    });
    const text = Object.assign(document.createElement('label'), { htmlFor: input.id, textContent: label });
    const row = document.createElement('div');
    row.append(input, text);
    fieldset.append(row);
  });
  const comment = Object.assign(document.createElement('textarea'), {
    name: 'comment',
    id: `${id}-comment`,
    rows: 3,
    maxLength: 1000,
  });
  const commentLabel = Object.assign(document.createElement('label'), {
    htmlFor: comment.id,
    textContent: t.feedbackComment,
  });
  const submit = Object.assign(document.createElement('button'), {
    type: 'submit',
    className: 'button button-primary',
    textContent: t.feedbackSend,
  });
  form.append(fieldset, commentLabel, comment, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const reason = String(data.get('reason') ?? '');
    if (!reason) {
      status(box, t.feedbackPickReason);
      form.querySelector<HTMLInputElement>('input[name="reason"]')?.focus();
      return;
    }
    const text = String(data.get('comment') ?? '').trim();
    void send(box, { helpful: false, reason, ...(text && { comment: text }) });
  });
  box.querySelector('.feedback-status')!.before(form);
  form.querySelector<HTMLInputElement>('input')?.focus();
}
