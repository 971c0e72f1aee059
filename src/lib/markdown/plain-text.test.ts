import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainText } from './plain-text.ts';

test('links keep their text, markup and code blocks go', () => {
  const md =
    '## Short answer\n\nYes, **only** `requires_action` refunds. See [Can I cancel a refund?](/refunds/cancel-a-refund/).\n\n```js\nx()\n```\n<RefundDemo />';
  assert.equal(plainText(md), 'Short answer Yes, only requires_action refunds. See Can I cancel a refund?.');
});
