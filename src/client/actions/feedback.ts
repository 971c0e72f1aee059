/**
 * "Was this helpful?": Yes is sent at once; No asks why (four reasons and an optional comment) before sending.
 * The answer goes to the feedback function, which keeps no personal data.
 */
const REASONS: [value: string, label: string][] = [
  ['missing_information', 'Missing information'],
  ['wrong', 'Something is wrong'],
  ['hard_to_follow', 'Hard to follow'],
  ['did_not_solve', 'Didn’t solve my problem'],
];

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
    status(box, answer.helpful ? 'Thanks! Glad it helped.' : 'Thanks for telling us. We read every answer and use it to fix our articles.');
    return;
  }
  box.dataset.state = '';
  box.querySelectorAll('button').forEach((b) => (b.disabled = false));
  const error = (await response?.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  status(box, error?.error?.message ?? 'Your answer could not be sent. Check your connection and try again.');
}

function showReasons(box: HTMLElement): void {
  if (box.querySelector('form')) return;
  const id = `${box.id || 'feedback'}-reason`;
  const form = document.createElement('form');
  form.className = 'feedback-form';
  const fieldset = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = 'What went wrong?';
  fieldset.append(legend);
  REASONS.forEach(([value, label], i) => {
    const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'reason', value, id: `${id}-${i}`, required: true });
    const text = Object.assign(document.createElement('label'), { htmlFor: input.id, textContent: label });
    const row = document.createElement('div');
    row.append(input, text);
    fieldset.append(row);
  });
  const comment = Object.assign(document.createElement('textarea'), { name: 'comment', id: `${id}-comment`, rows: 3, maxLength: 1000 });
  const commentLabel = Object.assign(document.createElement('label'), { htmlFor: comment.id, textContent: 'Anything else? (optional; please leave out names, emails and card numbers)' });
  const submit = Object.assign(document.createElement('button'), { type: 'submit', className: 'button button-primary', textContent: 'Send' });
  form.append(fieldset, commentLabel, comment, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const reason = String(data.get('reason') ?? '');
    if (!reason) {
      status(box, 'Pick what went wrong, then send.');
      form.querySelector<HTMLInputElement>('input[name="reason"]')?.focus();
      return;
    }
    const text = String(data.get('comment') ?? '').trim();
    void send(box, { helpful: false, reason, ...(text && { comment: text }) });
  });
  box.querySelector('.feedback-status')!.before(form);
  form.querySelector<HTMLInputElement>('input')?.focus();
}
