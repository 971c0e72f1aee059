import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assetHeaders, headersFile, securityHeaders } from './security-headers.ts';

const headers = securityHeaders({ scriptHashes: ['sha256-abc='] });

test('pages run only their own and hashed inline scripts, and are never framed', () => {
  const csp = headers['Content-Security-Policy']!;
  const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!;
  assert.equal(scriptSrc, "'self' 'wasm-unsafe-eval' 'sha256-abc='");
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(headers['X-Frame-Options'], 'DENY');
});

test('the decided headers are all sent, each with its decided value (docs/headers.md)', () => {
  assert.deepEqual(Object.keys(headers).sort(), [
    'Content-Security-Policy',
    'Cross-Origin-Opener-Policy',
    'Permissions-Policy',
    'Referrer-Policy',
    'Strict-Transport-Security',
    'X-Content-Type-Options',
    'X-Frame-Options',
  ]);
  assert.equal(headers['Cross-Origin-Opener-Policy'], 'same-origin');
  // A year, and only this host: the domain's other hosts are not the site's to bind to HTTPS.
  assert.equal(headers['Strict-Transport-Security'], 'max-age=31536000');
  assert.doesNotMatch(headers['Permissions-Policy']!, /interest-cohort/);
});

test('files that are not pages get nosniff only', () => {
  assert.deepEqual(assetHeaders(headers), { 'X-Content-Type-Options': 'nosniff' });
});

test('_headers applies every header to every path', () => {
  const file = headersFile({ A: '1', B: '2' });
  assert.equal(file, '/*\n  A: 1\n  B: 2\n');
});
