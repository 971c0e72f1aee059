/**
 * A broken article must stop the build with a message that names the file and the field. Each case builds the
 * real site from a small library with one fault in it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Article {
  file: string;
  frontmatter: string;
  body?: string;
}

const good: Article[] = [
  {
    file: 'articles/refunds/partial-refunds.mdx',
    frontmatter:
      'id: 1004\ntitle: Refund part of a payment\nsummary: Pass a smaller amount.\ncategory: refunds\nupdated: 2026-11-26\nrelated: [fees/refund-fees]\nreviewed: 2026-12-02\nsources:\n  - title: Refunds\n    url: https://docs.stripe.com/refunds',
  },
  {
    file: 'articles/fees/refund-fees.mdx',
    frontmatter:
      'id: 2001\ntitle: Do I get the fee back?\nsummary: No.\ncategory: fees\nupdated: 2026-11-26\nrelated: [refunds/partial-refunds]\nreviewed: 2026-12-02\nsources:\n  - title: Refunds\n    url: https://docs.stripe.com/refunds',
  },
];

function buildWith(articles: Article[]): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-fault-'));
  try {
    for (const a of articles) {
      const file = path.join(dir, a.file);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `---\n${a.frontmatter}\n---\n\n${a.body ?? '## In the API\n\nSome text.\n'}`);
    }
    mkdirSync(path.join(dir, 'faq/refunds'), { recursive: true });
    writeFileSync(
      path.join(dir, 'faq/refunds/can-i-refund-part.md'),
      '---\nquestion: Can I refund part of a payment?\ncategory: refunds\narticle: refunds/partial-refunds\n---\nYes.\n',
    );
    // Inside the project, so the prerender step resolves the project's packages.
    const outDir = path.join('node_modules', '.cache', path.basename(dir));
    const run = spawnSync('npx', ['astro', 'build', '--outDir', outDir], {
      env: { ...process.env, KB_CONTENT_DIR: dir, NO_COLOR: '1', FORCE_COLOR: '0' },
      encoding: 'utf8',
      timeout: 180_000,
    });
    return { ok: run.status === 0, output: `${run.stdout}\n${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(path.join('node_modules', '.cache', path.basename(dir)), { recursive: true, force: true });
  }
}

function withFault(file: string, change: (a: Article) => Article): Article[] {
  return good.map((a) => (a.file === file ? change(a) : a));
}

const refundFile = 'articles/refunds/partial-refunds.mdx';

test('the fixture library itself builds', () => {
  const { ok, output } = buildWith(good);
  assert.ok(ok, output);
});

const feesFile = 'articles/fees/refund-fees.mdx';

/** Each fault, the file the message must name, and what it must say about the field. */
const faults: [name: string, articles: Article[], file: string, field: RegExp][] = [
  [
    'bad frontmatter (a number where text belongs)',
    withFault(refundFile, (a) => ({
      ...a,
      frontmatter: a.frontmatter.replace('title: Refund part of a payment', 'title: 42'),
    })),
    refundFile,
    /title/,
  ],
  [
    'a missing required field',
    withFault(refundFile, (a) => ({ ...a, frontmatter: a.frontmatter.replace(/summary: .*\n/, '') })),
    refundFile,
    /summary/,
  ],
  [
    'a summary over 280 characters',
    withFault(refundFile, (a) => ({
      ...a,
      frontmatter: a.frontmatter.replace('Pass a smaller amount.', 'x'.repeat(281)),
    })),
    refundFile,
    /summary/,
  ],
  [
    'no related article',
    withFault(refundFile, (a) => ({
      ...a,
      frontmatter: a.frontmatter.replace('related: [fees/refund-fees]', 'related: []'),
    })),
    refundFile,
    /related/,
  ],
  [
    'two articles with one title',
    withFault(feesFile, (a) => ({
      ...a,
      frontmatter: a.frontmatter.replace('title: Do I get the fee back?', 'title: Refund part of a payment'),
    })),
    feesFile,
    /title: "Refund part of a payment" is also/,
  ],
  [
    'an unknown related article',
    withFault(refundFile, (a) => ({
      ...a,
      frontmatter: a.frontmatter.replace('fees/refund-fees', 'fees/no-such-article'),
    })),
    refundFile,
    /related: "fees\/no-such-article"/,
  ],
  [
    'a duplicate article number',
    withFault(feesFile, (a) => ({ ...a, frontmatter: a.frontmatter.replace('id: 2001', 'id: 1004') })),
    feesFile,
    /id: 1004 is already/,
  ],
  [
    'a duplicate alias',
    good.map((a) => ({ ...a, frontmatter: `${a.frontmatter}\naliases: [refunds/old-page]` })),
    feesFile,
    /aliases: "refunds\/old-page" is already/,
  ],
  [
    'no sources',
    withFault(refundFile, (a) => ({ ...a, frontmatter: a.frontmatter.replace(/\nsources:(\n {2}.*)+/, '') })),
    refundFile,
    /sources/,
  ],
  [
    'a source that is not a Stripe page',
    withFault(refundFile, (a) => ({
      ...a,
      frontmatter: a.frontmatter.replace('https://docs.stripe.com/refunds', 'https://example.com/refunds'),
    })),
    refundFile,
    /sources.*url|url.*stripe\.com/s,
  ],
  [
    'no review date',
    withFault(feesFile, (a) => ({ ...a, frontmatter: a.frontmatter.replace(/\nreviewed: .*/, '') })),
    feesFile,
    /reviewed/,
  ],
  [
    'MDX that does not compile',
    withFault(refundFile, (a) => ({ ...a, body: 'A total of {amount is wrong.\n' })),
    refundFile,
    /partial-refunds\.mdx/,
  ],
];

for (const [name, articles, file, field] of faults) {
  test(`${name} fails the build, naming the file and the field`, () => {
    const { ok, output } = buildWith(articles);
    assert.equal(ok, false, 'the build should have failed');
    assert.ok(output.includes(file), `the message should name ${file}:\n${output.slice(-2000)}`);
    assert.match(output, field);
  });
}
