import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleMarkdown, type MarkdownSource } from './article-markdown.ts';

/** A short article at https://help.example/t/; each test overrides what it is about. */
const page = (overrides: Partial<MarkdownSource>): MarkdownSource => ({
  title: 'T',
  summary: 'S',
  number: 1,
  url: 'https://help.example/t/',
  body: 'Text.',
  ...overrides,
});

test('the Markdown version starts with the answer and points widgets to the page', () => {
  const md = articleMarkdown(
    page({
      title: 'Refund part of a payment',
      summary: 'Pass a smaller amount.',
      number: 1004,
      url: 'https://help.example/refunds/partial-refunds/',
      body: '## Try it\n\n<RefundDemo amount={10000} />\n\nText.',
    }),
  );
  assert.equal(
    md,
    '# Refund part of a payment\n\n> Pass a smaller amount.\n\nArticle 1004 · https://help.example/refunds/partial-refunds/\n\n## Try it\n\n_An interactive test-mode refund demo is on the web page: https://help.example/refunds/partial-refunds/_\n\nText.\n',
  );
});

test('the Markdown version ends with the Stripe pages the article cites', () => {
  const md = articleMarkdown(page({ sources: [{ title: 'Refunds', url: 'https://docs.stripe.com/refunds' }] }));
  assert.ok(md.endsWith('Text.\n\n## Sources\n\n- [Refunds](https://docs.stripe.com/refunds)\n'), md);
});

test('the Markdown version drops the samples runner’s fence markers', () => {
  const md = articleMarkdown(page({ body: '```bash example="pi_123=disputed"\ncurl x\n```' }));
  assert.match(md, /\n```bash\ncurl x\n```\n$/);
});
