/** Copies text and says so in a polite live region, so screen reader users hear it too. */
import * as t from '../../i18n/en.ts';
import { format } from '../../i18n/format.ts';

let toast: HTMLElement | undefined;

export async function copyText(text: string, done: string): Promise<void> {
  let message = done;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Without clipboard access (an old browser, a denied permission), show the text to copy by hand.
    message = format(t.copyByHand, { text });
  }
  announce(message);
}

function announce(message: string): void {
  if (!toast) {
    toast = document.createElement('div');
    toast.className = 'toast';
    toast.setAttribute('role', 'status');
    toast.setAttribute('aria-live', 'polite');
    document.body.append(toast);
  }
  toast.textContent = message;
  toast.hidden = false;
  clearTimeout(Number(toast.dataset.timer));
  toast.dataset.timer = String(setTimeout(() => (toast!.hidden = true), 4000));
}
