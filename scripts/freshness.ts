/**
 * `npm run freshness`: articles by how long ago their facts were checked, oldest first, with the ones due for
 * review flagged. Options: `--max-age <days>` (the review cycle, default 180), `--before <YYYY-MM-DD>` (every review
 * before that day is due), `--today <YYYY-MM-DD>` (for reproducible output), `--json`. Exits 1 when an article is due
 * and `--fail-on-due` is given, so a scheduled job can open a ticket.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { freshness, isoDay, type ReviewedArticle } from '../src/content/freshness.ts';

const { values } = parseArgs({
  options: {
    'max-age': { type: 'string', default: '180' },
    before: { type: 'string' },
    today: { type: 'string' },
    json: { type: 'boolean', default: false },
    'fail-on-due': { type: 'boolean', default: false },
  },
});

function day(flag: string, value: string): Date {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime())) usage(`--${flag}: write a date as YYYY-MM-DD, like 2026-06-01`);
  return date;
}

function usage(message: string): never {
  console.error(`freshness: ${message}`);
  process.exit(2);
}

const maxAgeDays = Number(values['max-age']);
if (!Number.isInteger(maxAgeDays) || maxAgeDays < 0) usage('--max-age: write a whole number of days, like 180');
const rule = {
  today: values.today ? day('today', values.today) : new Date(`${isoDay(new Date())}T00:00:00Z`),
  maxAgeDays,
  before: values.before ? day('before', values.before) : undefined,
};

const root = path.join(import.meta.dirname, '..');
const articlesDir = path.join(root, 'content', 'articles');
const articles: ReviewedArticle[] = readdirSync(articlesDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.mdx'))
  .map((file) => {
    const text = readFileSync(path.join(articlesDir, file), 'utf8');
    const data = (parseYaml(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '') ?? {}) as { title?: string; reviewed?: string | Date };
    const reviewed = data.reviewed === undefined ? undefined : new Date(data.reviewed);
    return { file: path.join('content', 'articles', file), title: data.title ?? file, reviewed };
  });

const report = freshness(articles, rule);
const due = report.filter((article) => article.due);
if (values.json) {
  console.log(JSON.stringify(report.map((a) => ({ ...a, reviewed: a.reviewed && isoDay(a.reviewed) })), null, 2));
} else {
  const rows = report.map((a) => [a.due ? 'DUE' : '', a.reviewed ? isoDay(a.reviewed) : 'never', a.ageDays === undefined ? '' : `${a.ageDays} d`, a.file, a.due ?? '']);
  const header = ['', 'reviewed', 'age', 'article', 'why'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  console.log(`\n${report.length} articles, ${due.length} due for review (cycle ${maxAgeDays} days${rule.before ? `, cut-off ${isoDay(rule.before)}` : ''}).`);
}
if (values['fail-on-due'] && due.length) process.exitCode = 1;
