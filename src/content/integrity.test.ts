import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkArticles, checkFaq, formatProblems, type EntryForCheck } from './integrity.ts';

const article = (id: string, data: Record<string, unknown> = {}): EntryForCheck => ({
  id,
  filePath: `content/articles/${id}.mdx`,
  data: { id: 1000 + id.length, title: `Title of ${id}`, category: id.split('/')[0], related: [], aliases: [], draft: false, ...data },
});

test('a clean library has no problems', () => {
  const problems = checkArticles([article('refunds/a', { id: 1001, related: ['fees/b'] }), article('fees/b', { id: 2001, related: ['refunds/a'] })]);
  assert.deepEqual(problems, []);
});

test('an unknown related article is named with its file and field', () => {
  const [problem, ...rest] = checkArticles([article('refunds/a', { id: 1001, related: ['refunds/missing'] })]);
  assert.equal(rest.length, 0);
  assert.equal(problem?.filePath, 'content/articles/refunds/a.mdx');
  assert.equal(problem?.field, 'related');
  assert.match(problem?.message ?? '', /refunds\/missing/);
});

test('a related draft is refused, since the link would be broken', () => {
  const problems = checkArticles([article('refunds/a', { id: 1001, related: ['refunds/b'] }), article('refunds/b', { id: 1002, draft: true })]);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.message, /draft/);
});

test('a duplicate article number names the second file and the first', () => {
  const problems = checkArticles([article('refunds/a', { id: 1001 }), article('fees/b', { id: 1001 })]);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.field, 'id');
  assert.equal(problems[0]!.filePath, 'content/articles/fees/b.mdx');
  assert.match(problems[0]!.message, /refunds\/a\.mdx/);
});

test('the same slug in two categories is refused', () => {
  const problems = checkArticles([article('refunds/same', { id: 1001 }), article('fees/same', { id: 2001 })]);
  assert.deepEqual(problems.map((p) => p.field), ['(slug)']);
});

test('aliases must be free addresses and belong to one article', () => {
  const problems = checkArticles([
    article('refunds/a', { id: 1001, aliases: ['refunds/old', 'refunds/b'] }),
    article('refunds/b', { id: 1002, aliases: ['refunds/old'] }),
  ]);
  assert.deepEqual(problems.map((p) => [p.filePath, p.field]), [
    ['content/articles/refunds/a.mdx', 'aliases'],
    ['content/articles/refunds/b.mdx', 'aliases'],
  ]);
});

test('a category that does not match the folder is refused', () => {
  const problems = checkArticles([article('refunds/a', { id: 1001, category: 'fees' })]);
  assert.deepEqual(problems.map((p) => p.field), ['category']);
});

test('a FAQ entry pointing at an unknown article is named', () => {
  const entries: EntryForCheck[] = [{ id: 'refunds/q', filePath: 'content/faq/refunds/q.md', data: { category: 'refunds', article: 'refunds/nope' } }];
  const problems = checkFaq(entries, new Set(['refunds/a']));
  assert.deepEqual(problems.map((p) => [p.filePath, p.field]), [['content/faq/refunds/q.md', 'article']]);
  assert.match(formatProblems('faq', problems), /content\/faq\/refunds\/q\.md: article: "refunds\/nope"/);
});

test('two FAQ files with one name would share an anchor and are refused', () => {
  const entries: EntryForCheck[] = [
    { id: 'refunds/same', filePath: 'content/faq/refunds/same.md', data: { category: 'refunds' } },
    { id: 'fees/same', filePath: 'content/faq/fees/same.md', data: { category: 'fees' } },
  ];
  assert.equal(checkFaq(entries, new Set()).length, 1);
});

test('two articles with the same title are refused', () => {
  const problems = checkArticles([article('refunds/a', { id: 1001, title: 'Refund a payment' }), article('fees/b', { id: 2001, title: 'refund a payment ' })]);
  assert.deepEqual(problems.map((p) => [p.filePath, p.field]), [['content/articles/fees/b.mdx', 'title']]);
});

const faqEntry = (slug: string, question: string, body: string, data: Record<string, unknown> = {}): EntryForCheck => ({
  id: `refunds/${slug}`,
  filePath: `content/faq/refunds/${slug}.md`,
  data: { question, category: 'refunds', ...data },
  body,
});

test('two FAQ answers that say the same thing in the same words fail, naming both files', () => {
  const answer = 'Yes. You can refund one payment several times, each time a part, until the whole amount has been given back. After that Stripe refuses another refund with charge_already_refunded.';
  const problems = checkFaq(
    [
      faqEntry('can-i-refund-a-payment-twice', 'Can I refund a payment twice?', answer),
      faqEntry('how-many-partial-refunds', 'How many partial refunds can I make?', `${answer} Each refund needs its own amount.`),
    ],
    new Set(),
  );
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.field, '(answer)');
  assert.equal(problems[0]!.filePath, 'content/faq/refunds/how-many-partial-refunds.md');
  assert.match(problems[0]!.message, /can-i-refund-a-payment-twice\.md/);
});

test('the same question asked twice fails even when the answers are worded apart', () => {
  const problems = checkFaq(
    [
      faqEntry('do-i-get-my-stripe-fee-back', 'Do I get my Stripe fee back when I refund?', 'No. The processing fee of a card payment stays with Stripe when you refund it, in full or in part.'),
      faqEntry('fee-back-on-refund', 'Do I get the Stripe fee back on a refund?', 'No: refunding a card payment does not return its processing fee, whether the refund is full or partial.'),
    ],
    new Set(),
  );
  assert.deepEqual(problems.map((p) => p.field), ['(answer)']);
});

test('questions on neighbouring subjects with different answers pass', () => {
  const problems = checkFaq(
    [
      faqEntry('how-long-does-a-refund-take', 'How long does a refund take?', 'Card refunds usually reach the statement in 5 to 10 business days; the bank decides.'),
      faqEntry('refund-never-arrived', 'What if the customer says the refund never arrived?', 'Give the customer the acquirer reference number so their bank can trace the credit.'),
    ],
    new Set(),
  );
  assert.deepEqual(problems, []);
});

test('a FAQ alias must be a free slug, owned by one answer', () => {
  const problems = checkFaq(
    [
      faqEntry('can-i-cancel-a-refund', 'Can I cancel a refund?', 'Only while it waits.', { aliases: ['how-long-does-a-refund-take'] }),
      faqEntry('how-long-does-a-refund-take', 'How long does a refund take?', 'Five to ten business days.', { aliases: ['old-question'] }),
      faqEntry('what-does-pending-mean', 'What does pending mean on a refund?', 'Stripe is still working on it.', { aliases: ['old-question'] }),
    ],
    new Set(),
  );
  assert.deepEqual(
    problems.map((p) => [p.filePath, p.field]),
    [
      ['content/faq/refunds/can-i-cancel-a-refund.md', 'aliases'],
      ['content/faq/refunds/what-does-pending-mean.md', 'aliases'],
    ],
  );
});
