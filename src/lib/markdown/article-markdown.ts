/**
 * The plain Markdown version of an article (`/refunds/partial-refunds.md`), for AI assistants and anyone who
 * wants the text without the page. Widgets can't work in plain text, so each becomes a line that points to the page.
 */
const WIDGETS: Record<string, string> = {
  RefundDemo: 'An interactive test-mode refund demo is on the web page',
  FeeCalculator: 'An interactive refund and fee calculator is on the web page',
};

export interface MarkdownSource {
  title: string;
  summary: string;
  number: number;
  url: string;
  body: string;
  /** The Stripe pages the article rests on, listed at its end as they are on the page. */
  sources?: { title: string; url: string }[];
}

export function articleMarkdown({ title, summary, number, url, body, sources = [] }: MarkdownSource): string {
  const text = body
    .replace(/<([A-Z]\w*)\b[^>]*\/>/g, (_tag, name: string) => (WIDGETS[name] ? `_${WIDGETS[name]}: ${url}_` : ''))
    // The samples runner's fence markers (`example="…"`) are for the build, not for readers.
    .replace(/^( {0,3}(?:`{3,}|~{3,})[^\s`]*)\s+example="[^"]*"/gm, '$1');
  const cited = sources.length ? `\n## Sources\n\n${sources.map((s) => `- [${s.title}](${s.url})`).join('\n')}\n` : '';
  return `# ${title}\n\n> ${summary}\n\nArticle ${number} · ${url}\n\n${text.trim()}\n${cited}`;
}
