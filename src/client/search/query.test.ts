import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  applySynonyms,
  closestQuestions,
  correctWord,
  editDistance,
  keyTerms,
  MAX_TERMS,
  normalize,
  pinBucket,
  planQuery,
  tokenize,
} from './query.ts';

const synonyms = {
  'money back': 'refund',
  chargeback: 'dispute',
  'card on file': 'saved card',
  'secret key': 'api key',
};
const data = { synonyms, pinBuckets: 1 };

test('normalising keeps API words and drops punctuation and accents', () => {
  assert.equal(
    normalize('  Why can’t I refund?! charge_already_refunded — Café '),
    'why cant i refund charge_already_refunded cafe',
  );
  assert.deepEqual(tokenize('Refund, part of a payment.'), ['refund', 'part', 'of', 'a', 'payment']);
});

test('a natural question keeps only the words that carry it', () => {
  const plan = planQuery('How do I get my money back after paying?', data);
  assert.deepEqual(plan.terms, ['refund', 'paying']);
  assert.deepEqual(plan.typedTerms, ['money', 'back', 'paying']);
  assert.deepEqual(plan.synonyms, [['money back', 'refund']]);
});

test('a query of filler words alone is searched as typed', () => {
  assert.deepEqual(keyTerms(['how', 'do', 'i']), ['how', 'do', 'i']);
});

test('synonyms match whole words, longest phrase first', () => {
  assert.equal(applySynonyms('update the card on file', synonyms).text, 'update the saved card');
  assert.equal(applySynonyms('my chargebacks', synonyms).text, 'my chargebacks', 'no match inside a longer word');
  assert.equal(applySynonyms('where is my secret key', synonyms).text, 'where is my api key');
});

test('a pinned query is looked up as typed and without filler words, ignoring case and punctuation', () => {
  assert.deepEqual(planQuery('Refund fee?', data).pinKeys, ['refund fee']);
  assert.deepEqual(planQuery('What is the refund fee', data).pinKeys, ['what is the refund fee', 'refund fee']);
});

test('pins spread over their files evenly, and the build and the browser agree on the file', () => {
  // Known values of the 32-bit FNV-1a hash: the build files a pin under it, and the browser must look in the same file.
  assert.equal(pinBucket('refund fee', 7), 6);
  assert.equal(pinBucket('chargeback', 7), 0);
  const counts = new Array(8).fill(0);
  for (let i = 0; i < 8000; i++) counts[pinBucket(`query number ${i}`, 8)]++;
  assert.ok(
    counts.every((n) => n > 800 && n < 1200),
    counts.join(' '),
  );
});

test('edit distance counts a swap of neighbours as one edit', () => {
  assert.equal(editDistance('refnud', 'refund'), 1);
  assert.equal(editDistance('partail', 'partial'), 1);
  assert.equal(editDistance('dispte', 'dispute'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.ok(editDistance('abcdef', 'uvwxyz', 2) > 2, 'stops early past the bound');
});

test('a misspelt word is corrected to the commonest close word of the vocabulary', () => {
  const vocabulary = ['refund', 'payment', 'partial', 'dispute', 'dashboard', 'keys', 'refunded'];
  assert.equal(correctWord('refnud', vocabulary), 'refund');
  assert.equal(correctWord('partail', vocabulary), 'partial');
  assert.equal(correctWord('dispte', vocabulary), 'dispute');
  assert.equal(correctWord('dashbaord', vocabulary), 'dashboard');
  assert.equal(correctWord('kyes', vocabulary), 'keys');
  assert.equal(correctWord('refund', vocabulary), undefined, 'a known word is left alone');
  assert.equal(correctWord('zzzzzz', vocabulary), undefined, 'nothing close: no guess');
  assert.equal(correctWord('blorf', ['block']), undefined, 'two edits in a short word is a different word');
  assert.equal(correctWord('idempotncy', ['idempotency']), 'idempotency');
  assert.equal(correctWord('ab', vocabulary), undefined, 'too short to guess');
});

test('the closest FAQ questions share the most words with the query', () => {
  const faq = [
    { question: 'Can I cancel a refund?', url: '/faq/#a' },
    { question: 'How long does a refund take?', url: '/faq/#b' },
    { question: 'Where are my API keys?', url: '/faq/#c' },
  ];
  assert.deepEqual(
    closestQuestions(['cancel', 'refunds'], faq).map((q) => q.url),
    ['/faq/#a', '/faq/#b'],
  );
  assert.deepEqual(closestQuestions(['payout'], faq), []);
});

/** The textbook full-table version of the same distance, to check the two-row one against. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

test('the reused-rows edit distance agrees with the full table, long words included', () => {
  const word = fc.string({ unit: fc.constantFrom(...'abcde'), maxLength: 40 });
  fc.assert(
    fc.property(word, word, (a, b) => {
      assert.equal(editDistance(a, b), referenceDistance(a, b));
      const bounded = editDistance(a, b, 2);
      assert.ok(referenceDistance(a, b) > 2 ? bounded > 2 : bounded === referenceDistance(a, b));
    }),
    { seed: Number(process.env.FC_SEED ?? 20_261_126), numRuns: 500 },
  );
});

test(`a pasted paragraph is searched by its first ${MAX_TERMS} meaningful words`, () => {
  const paragraph =
    'I tried to refund the customer yesterday but the dashboard showed an error saying the charge was already refunded and the balance looks wrong';
  const plan = planQuery(paragraph, data);
  assert.equal(plan.terms.length, MAX_TERMS);
  assert.deepEqual(plan.terms.slice(0, 3), ['refund', 'customer', 'yesterday']);
  assert.ok(plan.typedTerms.length <= MAX_TERMS);
});
