import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as en from './en.ts';
import { fill, format } from './format.ts';

test('format fills every placeholder, the same one as often as it appears', () => {
  assert.equal(
    format(en.demoFeeStays, { fee: '$3.20' }),
    'The $3.20 fee is not returned when you refund: refunding everything leaves your balance $3.20 lower than before the payment.',
  );
  assert.equal(
    format(en.searchResultsShown, { count: 14, query: 'refund', shown: 6 }),
    '14 results for “refund”, showing the first 6.',
  );
});

test('a placeholder without a value stays visible instead of turning into “undefined”', () => {
  assert.equal(format('Refund {id} is now {status}.', { id: 're_1' }), 'Refund re_1 is now {status}.');
});

test('fill keeps markup values in place, in order, with no empty pieces', () => {
  const link = { tag: 'a' };
  assert.deepEqual(fill(en.readMore, { link }), ['Read more: ', link]);
  assert.deepEqual(fill('{a}{b}', { a: 1, b: 2 }), [1, 2]);
});

test('every text in the dictionary is non-empty and its braces are placeholders', () => {
  const texts: [string, string][] = Object.entries(en).flatMap(([name, value]): [string, string][] =>
    typeof value === 'string' ? [[name, value]] : Object.entries(value).map(([key, text]) => [`${name}.${key}`, text]),
  );
  assert.ok(texts.length > 100);
  for (const [name, text] of texts) {
    assert.ok(text.trim(), `${name} is empty`);
    assert.equal(
      text.replace(/\{\w+\}/g, '').match(/[{}]/),
      null,
      `${name} has a brace that is not a {placeholder}: ${text}`,
    );
  }
});
