/**
 * The `_redirects` and `_headers` files that node, Netlify and Cloudflare share. The build's list of redirects
 * (`redirects.json`, see src/lib/redirects.ts) is the one source: each must be a 301 rule, with and without its
 * trailing slash, and `_headers` must carry the CSP. Each platform adds the problems only it can have.
 */
import path from 'node:path';
import { parseRedirects, readRedirectList } from '../../src/integrations/redirects.ts';
import { readIfExists } from './files.ts';
import type { Check } from './types.ts';

export interface RedirectFiles {
  /** The rule lines of `_redirects` (no blanks, no comments). */
  rules: string[];
  headersText: string;
  problems: string[];
  summary: string;
}

export function readRedirectFiles(staticDir: string): RedirectFiles | Check {
  const status = '301';
  const pages = readRedirectList(staticDir);
  if (pages.length === 0) return { ok: false, text: 'the build listed no redirects' };
  const problems: string[] = [];
  const redirectsText = readIfExists(path.join(staticDir, '_redirects'));
  const headersText = readIfExists(path.join(staticDir, '_headers'));
  if (redirectsText === undefined) problems.push('no _redirects');
  if (headersText === undefined) problems.push('no _headers');
  const rules = (redirectsText ?? '').split('\n').filter((line) => line.trim() && !line.startsWith('#'));
  const badLines = rules.filter((line) => line.trim().split(/\s+/)[2] !== status);
  if (badLines.length)
    problems.push(`${badLines.length} _redirects lines without status ${status}, e.g. "${badLines[0]}"`);
  const lookup = parseRedirects(redirectsText ?? '');
  for (const { from, to } of pages) {
    for (const variant of [from, from.replace(/\/$/, '')]) {
      if (lookup.get(variant) !== to) problems.push(`${variant} is not redirected to ${to}`);
    }
  }
  const csp = /^\s+Content-Security-Policy: /m.test(headersText ?? '');
  if (!csp) problems.push('_headers has no Content-Security-Policy');
  const summary = `_redirects: ${pages.length} redirects (${rules.length} rules, ${status}); _headers: CSP ${csp ? '✓' : '✗'}`;
  return { rules, headersText: headersText ?? '', problems, summary };
}

/** The check from a summary and its problems: the first three named, the rest counted. */
export function verdict(summary: string, problems: string[]): Check {
  if (problems.length === 0) return { ok: true, text: summary };
  const more = problems.length > 3 ? ` (+${problems.length - 3} more)` : '';
  return { ok: false, text: `${summary}; ${problems.slice(0, 3).join('; ')}${more}` };
}
