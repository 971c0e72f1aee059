/** `npm run freshness`: articles by how long ago their facts were checked, for the team's review cycle. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { freshness, isoDay, type ReviewedArticle } from '../src/content/freshness.ts';
import { parseCommandLine } from './lib/args.ts';
import { table } from './lib/table.ts';

const USAGE = `npm run freshness -- [options]

Lists the articles by the date their facts were last checked (\`reviewed\`), oldest first, and flags those due.
  --max-age <days>     the review cycle: a review older than this is due (default 180)
  --before <date>      every review before this day (YYYY-MM-DD) is due, say the day Stripe changed an API
  --today <date>       count ages from this day instead of today, for reproducible output
  --json               the list as JSON
  --fail-on-due        exit 1 when any article is due, for a scheduled job`;

const { values } = parseCommandLine(USAGE, {
  'max-age': { type: 'string', default: '180' },
  before: { type: 'string' },
  today: { type: 'string' },
  json: { type: 'boolean', default: false },
  'fail-on-due': { type: 'boolean', default: false },
});

function day(flag: string, value: string): Date {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()))
    usage(`--${flag}: write a date as YYYY-MM-DD, like 2026-06-01`);
  return date;
}

function usage(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
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
    const data = (parseYaml(/^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '') ?? {}) as {
      title?: string;
      reviewed?: string | Date;
    };
    const reviewed = data.reviewed === undefined ? undefined : new Date(data.reviewed);
    return { file: path.join('content', 'articles', file), title: data.title ?? file, reviewed };
  });

const report = freshness(articles, rule);
const due = report.filter((article) => article.due);
if (values.json) {
  console.log(
    JSON.stringify(
      report.map((a) => ({ ...a, reviewed: a.reviewed && isoDay(a.reviewed) })),
      null,
      2,
    ),
  );
} else {
  const rows = report.map((a) => ({
    article: a.file,
    reviewed: a.reviewed ? isoDay(a.reviewed) : 'never',
    'age (days)': a.ageDays,
    due: a.due ?? '',
  }));
  process.stdout.write(table(rows));
  console.log(
    `\n${report.length} articles, ${due.length} due for review (cycle ${maxAgeDays} days${rule.before ? `, cut-off ${isoDay(rule.before)}` : ''}).`,
  );
}
if (values['fail-on-due'] && due.length) process.exitCode = 1;
