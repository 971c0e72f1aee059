import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshness } from './freshness.ts';

const today = new Date('2026-12-02');
const articles = [
  { file: 'a.mdx', title: 'Recent', reviewed: new Date('2026-11-30') },
  { file: 'b.mdx', title: 'Old', reviewed: new Date('2026-01-15') },
  { file: 'c.mdx', title: 'Never' },
  { file: 'd.mdx', title: 'Before the cut-off', reviewed: new Date('2026-10-01') },
];

test('the never reviewed come first, then the oldest review', () => {
  assert.deepEqual(
    freshness(articles, { today, maxAgeDays: 180 }).map((a) => [a.file, a.ageDays]),
    [['c.mdx', undefined], ['b.mdx', 321], ['d.mdx', 62], ['a.mdx', 2]],
  );
});

test('a review older than the cycle is due, a recent one is not', () => {
  const due = Object.fromEntries(freshness(articles, { today, maxAgeDays: 180 }).map((a) => [a.file, a.due]));
  assert.deepEqual(due, { 'a.mdx': undefined, 'b.mdx': 'reviewed over 180 days ago', 'c.mdx': 'never reviewed', 'd.mdx': undefined });
});

test('a cut-off date makes every review before it due, however recent', () => {
  const due = freshness(articles, { today, maxAgeDays: 365, before: new Date('2026-11-01') }).filter((a) => a.due).map((a) => [a.file, a.due]);
  assert.deepEqual(due, [['c.mdx', 'never reviewed'], ['b.mdx', 'reviewed before 2026-11-01'], ['d.mdx', 'reviewed before 2026-11-01']]);
});
