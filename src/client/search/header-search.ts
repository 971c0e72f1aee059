/**
 * Search-as-you-type in the site header, following the ARIA combobox pattern: the input keeps focus, arrows move
 * the active option, Enter opens it (or the full results page when none is active), Escape closes the list.
 */
import type { Hit } from './engine.ts';
import { countOpened } from './count-opened.ts';
import { search } from './site-search.ts';
import { el, hitLabel, hitSnippet, queryNotice } from './render.ts';
import * as t from '../../i18n/en.ts';
import { format } from '../../i18n/format.ts';

const SUGGESTIONS = 6;
const DEBOUNCE_MS = 120;

export function mountHeaderSearch(form: HTMLFormElement): void {
  if (form.dataset.mounted) return;
  form.dataset.mounted = 'true';
  const input = form.querySelector('input')!;
  const panel = form.querySelector<HTMLElement>('.site-search-panel')!;
  const list = form.querySelector<HTMLUListElement>('[role="listbox"]')!;
  const status = form.querySelector<HTMLElement>('[role="status"]')!;
  let active = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  let running: AbortController | undefined;
  // Shown under the status when a search failed; it runs the same search again.
  const retry = el('button', { type: 'button', className: 'button site-search-retry', hidden: true }, t.searchRetry);
  retry.addEventListener('click', () => {
    input.focus();
    void run();
  });
  status.after(retry);

  const options = () => Array.from(list.querySelectorAll<HTMLElement>('[role="option"]'));

  const setOpen = (open: boolean) => {
    panel.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (!open) setActive(-1);
  };

  const setActive = (index: number) => {
    const all = options();
    active = all.length ? (index + all.length) % all.length : -1;
    if (index < 0) active = -1;
    all.forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    const current = all[active];
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };

  const run = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    running?.abort();
    const controller = (running = new AbortController());
    retry.hidden = true;
    if (!query) {
      list.replaceChildren();
      status.textContent = '';
      setOpen(false);
      return;
    }
    let outcome;
    try {
      outcome = await search(query, { limit: SUGGESTIONS, signal: controller.signal });
    } catch {
      if (ticket !== latest) return;
      list.replaceChildren();
      status.textContent = t.searchFailed;
      retry.hidden = false;
      setOpen(true);
      return;
    }
    if (ticket !== latest) return; // a newer keystroke has already taken over
    const { hits, total, suggestions } = outcome;
    const closest = suggestions.map((q, i) => questionOption(q, i));
    list.replaceChildren(...hits.map((hit, i) => option(hit, i)), ...closest, seeAll(query, hits.length));
    const notice = queryNotice(outcome, query);
    status.textContent = total
      ? `${format(total === 1 ? t.searchResult : t.searchResults, { count: total })}${outcome.correctedQuery ? `. ${notice}` : ''}`
      : `${format(t.searchNoResults, { query })}${closest.length ? `. ${t.searchClosest}` : ''}`;
    setOpen(true);
    setActive(-1);
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (panel.hidden) {
        if (input.value.trim()) void run();
        return;
      }
      e.preventDefault();
      setActive(active + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      go(options()[active], input.value);
    } else if (e.key === 'Escape') {
      if (!panel.hidden) {
        e.preventDefault();
        setOpen(false);
      } else if (input.value) input.value = '';
      else input.blur();
    }
  });
  // Options hold no links (interactive content can't sit inside an option); choosing one navigates.
  list.addEventListener('mousedown', (e) => e.preventDefault());
  list.addEventListener('click', (e) =>
    go((e.target as Element).closest<HTMLElement>('[role="option"]') ?? undefined, input.value),
  );
  form.addEventListener('focusout', (e) => {
    if (!form.contains(e.relatedTarget as Node | null)) setOpen(false);
  });
  input.addEventListener('focus', () => {
    if (input.value.trim() && list.childElementCount) setOpen(true);
  });

  // The reader may have typed before this module arrived.
  if (input.value.trim()) void run();
}

/** Opens the option's page; a result (not the "all results" entry) is counted for the team first. */
function go(option: HTMLElement | undefined, query: string): void {
  const href = option?.dataset.href;
  if (!href) return;
  if (option.id !== 'site-search-option-all') countOpened(query, href);
  location.assign(href);
}

function optionItem(id: string, href: string, parts: (Node | string)[], className = 'hit-option'): HTMLLIElement {
  const item = el('li', { id, className }, ...parts);
  item.dataset.href = href;
  item.setAttribute('role', 'option');
  item.setAttribute('aria-selected', 'false');
  return item;
}

function option(hit: Hit, index: number): HTMLLIElement {
  return optionItem(`site-search-option-${index}`, hit.url, [
    el('span', { className: 'hit-title' }, hit.title),
    el('span', { className: 'hit-meta' }, hitLabel(hit)),
    el('span', { className: 'hit-snippet' }, hitSnippet(hit)),
  ]);
}

function questionOption(entry: { question: string; url: string }, index: number): HTMLLIElement {
  return optionItem(`site-search-question-${index}`, entry.url, [
    el('span', { className: 'hit-title' }, entry.question),
    el('span', { className: 'hit-meta' }, t.searchClosestQuestion),
  ]);
}

function seeAll(query: string, shown: number): HTMLLIElement {
  const text = format(shown ? t.searchSeeAll : t.searchEverywhere, { query });
  return optionItem(
    'site-search-option-all',
    `/search/?q=${encodeURIComponent(query)}`,
    [el('span', { className: 'hit-title' }, text)],
    'hit-option hit-all',
  );
}
