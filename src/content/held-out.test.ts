import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findContamination, readQuerySet, readSearchContent } from './held-out.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const heldOut = readQuerySet(join(root, 'tests/search/held-out.json'));
const tuning = readQuerySet(join(root, 'tests/search/tuning.json'));

test('no held-out query is planted in the content, typo included, or shared with the tuning set', () => {
  const problems = findContamination(heldOut, tuning, readSearchContent(root));
  assert.deepEqual(
    problems.map((p) => p.message),
    [],
    'held-out queries must measure the search, not strings written for it: rephrase the query or move it to tuning.json',
  );
});

test('the held-out set is large enough and each query names the articles that answer it', () => {
  assert.ok(heldOut.queries.length >= 170, `${heldOut.queries.length} held-out queries, at least 170 wanted`);
  for (const { q, expect } of heldOut.queries) assert.ok(expect.length > 0 && expect.every((id) => /^[a-z]+\/[a-z0-9-]+$/.test(id)), q);
});

test('a planted query, a planted typo and a shared query are each named with the file and field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'held-out-'));
  try {
    mkdirSync(join(dir, 'content/articles/refunds'), { recursive: true });
    mkdirSync(join(dir, 'content/faq/refunds'), { recursive: true });
    mkdirSync(join(dir, 'content/search'), { recursive: true });
    writeFileSync(
      join(dir, 'content/articles/refunds/partial-refunds.mdx'),
      '---\ntitle: Refund part of a payment\nsummary: Pass a smaller amount.\nkeywords: [give back some money, refnud]\n' +
        'pinnedQueries: [refund the shipping only]\n---\n\nRefund only what the customer returned.\n',
    );
    writeFileSync(
      join(dir, 'content/faq/refunds/can-i-cancel-a-refund.md'),
      '---\nquestion: Can I cancel a refund?\nkeywords: []\n---\n\nSometimes, early.\n',
    );
    writeFileSync(join(dir, 'content/search/synonyms.json'), JSON.stringify([{ id: 'refund', synonyms: ['money back'] }]));
    const planted = [
      { q: 'Give back some money', expect: ['refunds/partial-refunds'] },
      { q: 'refnud please', expect: ['refunds/partial-refunds'] },
      { q: 'refund shipping please', expect: ['refunds/partial-refunds'] },
      { q: 'cancel a refund', expect: ['refunds/cancel-a-refund'] },
      { q: 'money back', expect: ['refunds/how-refunds-work'] },
      { q: 'Refund twice?', expect: ['refunds/idempotent-refunds'] },
      { q: 'customer returned only a part', expect: ['refunds/partial-refunds'] },
    ];
    const problems = findContamination({ queries: planted }, { queries: [{ q: 'refund twice', expect: [] }] }, readSearchContent(dir));
    const messages = problems.map((p) => p.message);
    const about = (q: string) => messages.filter((m) => m.startsWith(`"${q}"`));
    assert.match(about('Give back some money').join(), /partial-refunds\.mdx, keywords/);
    assert.match(about('refnud please').join(), /misspelling "refnud" is planted in .*partial-refunds\.mdx, keywords/);
    assert.match(about('refund shipping please').join(), /without its filler words equals .*pinnedQueries/);
    assert.match(about('cancel a refund').join(), /can-i-cancel-a-refund\.md, question/);
    assert.match(about('money back').join(), /synonyms\.json, synonyms/);
    assert.match(about('Refund twice?').join(), /both sets/);
    assert.deepEqual(about('customer returned only a part'), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
