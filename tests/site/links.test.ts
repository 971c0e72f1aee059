/** Every internal link and `#anchor` in the built site leads somewhere real. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBrokenLinks } from './link-check.ts';

test('the checker catches a missing page and a missing anchor, naming the page and the link', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-links-'));
  try {
    const page = (file: string, html: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), `<!doctype html><html><body>${html}</body></html>`);
    };
    page('index.html', '<a href="/fees/">ok</a> <a href="/fees/#in-the-api">ok anchor</a>');
    page(
      'fees/index.html',
      '<h2 id="in-the-api">In the API</h2><a href="/refunds/gone/">missing page</a> <a href="/#nowhere">missing anchor</a>',
    );
    const { broken } = findBrokenLinks(dir);
    assert.deepEqual(broken.map((b) => [b.page, b.link]).sort(), [
      ['/fees/', '/#nowhere'],
      ['/fees/', '/refunds/gone/'],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every internal link and anchor in the built site resolves', { timeout: 300_000 }, () => {
  const { checked, broken } = findBrokenLinks('dist/client');
  assert.ok(checked > 100, `only ${checked} links were checked; is dist/client built?`);
  const report = broken.map((b) => `  on ${b.page}: ${b.link} (${b.reason})`);
  assert.equal(broken.length, 0, `${broken.length} broken link(s):\n${report.join('\n')}`);
});
