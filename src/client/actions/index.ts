/**
 * What the page's `[data-action]` controls do, loaded on the first click (see PageBootstrap): copy a link, copy
 * an answer for a ticket, and send "Was this helpful?" feedback.
 */
import { copyText } from './clipboard.ts';
import { startFeedback } from './feedback.ts';
import * as t from '../../i18n/en.ts';

export async function run(control: HTMLElement): Promise<void> {
  switch (control.dataset.action) {
    case 'copy-link':
      return copyLink(control);
    case 'copy-answer':
      return void copyText(control.dataset.text ?? '', t.answerCopied);
    case 'feedback':
      return startFeedback(control);
  }
}

/** A control with `data-path` copies that page; a heading's `#` link copies the page at that section. */
function copyLink(control: HTMLElement): Promise<void> {
  const href = control.dataset.path ?? control.getAttribute('href') ?? '';
  const url = new URL(href, location.href);
  if (url.hash && url.pathname === location.pathname) {
    history.replaceState(null, '', url.hash);
    document.getElementById(decodeURIComponent(url.hash.slice(1)))?.scrollIntoView();
  }
  return copyText(url.href, t.linkCopied);
}
