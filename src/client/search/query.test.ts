import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applySynonyms,
  closestQuestions,
  correctWord,
  editDistance,
  keyTerms,
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
