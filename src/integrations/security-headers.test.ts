import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { inlineScriptHashes } from './security-headers.ts';

const sha = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

test('every inline script is hashed over its exact text; files and JSON data blocks are not', () => {
  const first = "\n  if (a < b && c > d) document.title = '<b>';\n";
  const html = [
    '<head><script type="application/ld+json">{"@type":"TechArticle"}</script>',
    `<script>${first}</script>`,
    '<script type="module" src="/_help/search.js"></script>',
    '<SCRIPT type="module">import("/x.js")</SCRIPT >',
    '<script data-x="src">const src = 1;</script></head>',
  ].join('');
  assert.deepEqual(inlineScriptHashes(html), [sha(first), sha('import("/x.js")'), sha('const src = 1;')]);
});
