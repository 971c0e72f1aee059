/**
 * Builds result markup with DOM calls only: nothing a reader types, and nothing from the index, is ever parsed
 * as HTML. Pagefind's excerpts are escaped text with `<mark>` tags; they are split on those tags and the pieces
 * become text nodes.
 */
import type { Hit, SearchOutcome } from './engine.ts';
import * as t from '../../i18n/en.ts';
import { format } from '../../i18n/format.ts';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
};

function decode(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e] ?? e);
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

export function highlighted(excerpt: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  excerpt.split(/(<mark>.*?<\/mark>)/g).forEach((part) => {
    const marked = /^<mark>(.*)<\/mark>$/.exec(part);
    if (marked) fragment.append(el('mark', {}, decode(marked[1] ?? '')));
    else if (part) fragment.append(decode(part));
  });
  return fragment;
}

/** The text under a result's title: the highlighted excerpt when it shows a match, else the summary. */
export function hitSnippet(hit: Hit): Node {
  if (hit.excerpt.includes('<mark>') || !hit.summary) return highlighted(hit.excerpt);
  return document.createTextNode(hit.summary);
}

export function hitLabel(hit: Hit): string {
  return [hit.pinned ? t.searchBestAnswer : '', hit.kind === 'faq' ? t.searchFaq : t.searchArticle, hit.categoryLabel]
    .filter(Boolean)
    .join(' · ');
}

/** One sentence on how the query was read, when it was not searched exactly as typed. */
export function queryNotice(outcome: SearchOutcome, typed: string): string {
  if (outcome.correctedQuery)
    return format(t.searchCorrected, { corrected: outcome.correctedQuery, typed: typed.trim() });
  const parts: string[] = [];
  if (outcome.synonyms.length)
    parts.push(
      format(t.searchAlsoSearched, {
        list: outcome.synonyms.map(([from, to]) => format(t.searchSynonym, { from, to })).join(', '),
      }),
    );
  if (outcome.relaxed) parts.push(t.searchRelaxed);
  return parts.join(' ');
}
