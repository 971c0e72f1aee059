/**
 * The full results page. The query and category filters live in the URL (`/search/?q=…&category=fees`), so a
 * results page can be shared, reloaded, and comes back as it was after Back.
 */
import type { Category } from '../../lib/categories.ts';
import type { Hit } from './engine.ts';
import { countOpened } from './count-opened.ts';
import { search } from './site-search.ts';
import { el, hitLabel, hitSnippet, queryNotice } from './render.ts';
import * as t from '../../i18n/en.ts';
import { format } from '../../i18n/format.ts';
import { siteName as site } from '../../lib/site.ts';

/**
 * Results shown at first and added by “Show more”. Each shown result costs a fetch of its excerpt (~1.6 KB), and
 * the right answer is in the first three for nearly every query, so the first page stays short: five, as
 * Pagefind's own UI shows, which pays for Pagefind's worker within the search budget.
 */
const PAGE_SIZE = 5;
const DEBOUNCE_MS = 150;
/** A query that found nothing is counted once the reader has stopped typing for this long, or submits it. */
const MISS_SETTLE_MS = 2000;

/** Tells the team a search found nothing: the query only, nothing about who searched. */
function countMiss(query: string): void {
  void fetch('/api/search-misses', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    keepalive: true,
  }).catch(() => {});
}

export function mountSearchPage(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('form')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const boxes = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="category"]'));
  const status = root.querySelector<HTMLElement>('[role="status"]')!;
  const list = root.querySelector<HTMLOListElement>('ol')!;
  const notice = root.querySelector<HTMLElement>('.search-notice')!;
  const empty = root.querySelector<HTMLElement>('.search-empty')!;
  const closest = empty.querySelector<HTMLUListElement>('.closest-questions')!;
  const more = root.querySelector<HTMLButtonElement>('.search-more')!;
  const failed = root.querySelector<HTMLElement>('.search-error')!;
  let limit = PAGE_SIZE;
  let lastQuery = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let missTimer: ReturnType<typeof setTimeout> | undefined;
  const counted = new Set<string>();
  let latest = 0;
  let running: AbortController | undefined;

  const scheduleMiss = (query: string, now = false) => {
    clearTimeout(missTimer);
    const key = query.toLowerCase();
    if (counted.has(key)) return;
    missTimer = setTimeout(
      () => {
        counted.add(key);
        countMiss(query);
      },
      now ? 0 : MISS_SETTLE_MS,
    );
  };

  const selected = () => boxes.filter((b) => b.checked).map((b) => b.value as Category);

  const fromUrl = () => {
    const params = new URL(location.href).searchParams;
    input.value = params.get('q') ?? '';
    const wanted = new Set(params.getAll('category'));
    boxes.forEach((b) => (b.checked = wanted.has(b.value)));
  };

  const toUrl = () => {
    const url = new URL(location.href);
    url.search = '';
    if (input.value.trim()) url.searchParams.set('q', input.value.trim());
    selected().forEach((c) => url.searchParams.append('category', c));
    if (url.href !== location.href) history.replaceState(null, '', url);
  };

  const run = async (submitted = false) => {
    const query = input.value.trim();
    const ticket = ++latest;
    // The search this one replaces stops at its next step instead of finishing for nothing.
    running?.abort();
    const controller = (running = new AbortController());
    clearTimeout(missTimer);
    document.title = format(query ? t.searchQueryPageTitle : t.searchPageTitle, { query, site });
    empty.hidden = true;
    failed.hidden = true;
    notice.textContent = '';
    if (!query) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = t.searchPrompt;
      return;
    }
    status.textContent = t.searchSearching;
    if (query !== lastQuery) limit = PAGE_SIZE;
    lastQuery = query;
    let outcome;
    try {
      outcome = await search(query, { categories: selected(), limit, signal: controller.signal });
    } catch {
      if (ticket !== latest) return;
      // A file did not load: say so and offer the same search again (what failed is fetched anew), rather than
      // leaving "Searching…" up for good.
      list.replaceChildren();
      more.hidden = true;
      status.textContent = t.searchFailed;
      failed.hidden = false;
      return;
    }
    if (ticket !== latest) return;
    const { hits, total } = outcome;
    list.replaceChildren(...hits.map(resultItem));
    more.hidden = total <= hits.length;
    notice.textContent = queryNotice(outcome, query);
    const summary = total === 1 ? t.searchResultFor : total > hits.length ? t.searchResultsShown : t.searchResultsFor;
    status.textContent = total
      ? format(summary, { count: total, query, shown: hits.length })
      : `${format(t.searchNoResults, { query })}.`;
    if (!total) {
      closest.replaceChildren(...outcome.suggestions.map((q) => el('li', {}, el('a', { href: q.url }, q.question))));
      closest.parentElement!.hidden = outcome.suggestions.length === 0;
      empty.hidden = false;
      if (!selected().length) scheduleMiss(query, submitted);
    }
  };

  const update = (submitted = false) => {
    toUrl();
    void run(submitted);
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => update(), DEBOUNCE_MS);
  });
  boxes.forEach((b) => b.addEventListener('change', () => update()));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    update(true);
  });
  // A result opened, by click or middle click: counted for the team before the browser leaves (or opens a tab).
  const opened = (e: MouseEvent) => {
    const link = (e.target as Element).closest<HTMLAnchorElement>('a[href]');
    if (link && (e.type === 'click' || e.button === 1)) countOpened(lastQuery, link.href);
  };
  list.addEventListener('click', opened);
  list.addEventListener('auxclick', opened);
  // Replaces the page's own handler, which retried loading this module.
  failed.querySelector('button')!.onclick = () => void run();
  more.addEventListener('click', () => {
    limit += PAGE_SIZE;
    const shown = list.children.length;
    void run().then(() => list.querySelectorAll<HTMLAnchorElement>('li h2 a')[shown]?.focus());
  });
  addEventListener('pageshow', (e) => {
    if (e.persisted) {
      fromUrl();
      void run();
    }
  });

  fromUrl();
  void run();
  if (!input.value) input.focus();
}

function resultItem(hit: Hit): HTMLLIElement {
  const item = el(
    'li',
    { className: hit.pinned ? 'hit hit-pinned' : 'hit' },
    el('h2', { className: 'hit-title' }, el('a', { href: hit.url }, hit.title)),
    el(
      'p',
      { className: 'hit-meta' },
      [hitLabel(hit), hit.number ? format(t.searchArticleNumber, { number: hit.number }) : '']
        .filter(Boolean)
        .join(' · '),
    ),
  );
  if (hit.excerpt || hit.summary) item.append(el('p', { className: 'hit-snippet' }, hitSnippet(hit)));
  if (hit.section)
    item.append(
      el('p', { className: 'hit-section' }, t.searchBestMatch, el('a', { href: hit.section.url }, hit.section.title)),
    );
  item.append(hitActions(hit));
  return item;
}

/** The same copy actions as on the article itself, so an agent can share a result without opening it. */
function hitActions(hit: Hit): HTMLElement {
  const path = hit.number ? `/a/${hit.number}/` : hit.url;
  const button = (label: string, action: string, data: Record<string, string>) => {
    const b = el('button', { type: 'button', className: 'button' }, label);
    b.setAttribute('aria-label', `${label}: ${hit.title}`);
    Object.assign(b.dataset, { action, ...data });
    return b;
  };
  const actions = el('p', { className: 'hit-actions' }, button(t.copyLink, 'copy-link', { path }));
  if (hit.summary)
    actions.append(
      button(t.copyAnswer, 'copy-answer', {
        text: `${hit.summary}\n\n${hit.title}: ${new URL(path, location.origin).href}`,
      }),
    );
  return actions;
}
