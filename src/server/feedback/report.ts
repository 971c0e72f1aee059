/**
 * `npm run report [-- --days N] [-- --json]`: what readers said, for the support team. Reads the store the
 * environment names (report-source.ts: Postgres by DATABASE_URL, else SQLite in KB_DATA_DIR, read-only) and prints helpfulness per page, the reasons given for "no", the most
 * recent comments, the most frequent searches that found nothing, the results opened for the top searches and
 * the counts per day, as aligned tables, or one JSON object with `--json`. /team/report/ shows the same report
 * as a page. `scripts/report.ts` runs `runReport`.
 */
import { parseArgs } from 'node:util';
import type { Env } from '../config.ts';
import { redactKeys } from '../http/redact.ts';
import { openReportSource, type ReportSource } from './report-source.ts';
import { reasonLabels } from './reason-labels.ts';
import { dayOf, feedbackReasons, type FeedbackReport } from './store.ts';

export const commentsShown = 20;
export const missesShown = 20;
/** Queries listed with the results opened for them. */
export const clickQueriesShown = 20;
/** Days listed in the per-day table, the latest with anything recorded: the page's charts show the longer view. */
export const daysShown = 14;

const usage = `Usage: npm run report [-- --days N] [-- --json]

  --days N   only what was recorded in the last N days (today counts as one)
  --json     print one JSON object instead of tables
  --help     print this help

Reads the Postgres database of DATABASE_URL when it is set, else <KB_DATA_DIR>/feedback.sqlite
(KB_DATA_DIR is ./data by default).`;

export interface ReportIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  now?: () => Date;
}

const processIo: ReportIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

/** Runs the report for command-line `args`; returns the exit code (0, or 2 for a usage error). */
export async function runReport(args: readonly string[], env: Env, io: ReportIo = processIo): Promise<number> {
  const now = io.now ?? (() => new Date());
  let json: boolean;
  let since: string | undefined;
  let days: number | undefined;
  try {
    const { values } = parseArgs({
      args: [...args],
      options: { json: { type: 'boolean' }, days: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    if (values.help) {
      io.stdout(usage);
      return 0;
    }
    json = values.json ?? false;
    if (values.days !== undefined) {
      days = daysOf(values.days);
      since = sinceDaysAgo(days, now());
    }
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }

  let source: ReportSource;
  try {
    source = await openReportSource(env);
  } catch (error) {
    io.stderr(error instanceof Error ? error.message : String(error));
    return 1;
  }
  if ('missing' in source) {
    if (json) {
      io.stderr(source.missing);
      io.stdout(
        JSON.stringify(
          { database: null, since: since ?? null, pages: [], comments: [], misses: [], clicks: [], daily: [] },
          null,
          2,
        ),
      );
    } else {
      io.stdout(source.missing);
    }
    return 0;
  }

  const { database, store } = source;
  try {
    const report = await store.report({ since, limit: Math.max(commentsShown, missesShown, clickQueriesShown) });
    report.comments = report.comments.slice(0, commentsShown);
    report.misses = report.misses.slice(0, missesShown);
    report.clicks = report.clicks.slice(0, clickQueriesShown);
    if (json) io.stdout(JSON.stringify({ database, since: since ?? null, ...report }, null, 2));
    else io.stdout(formatReport(report, { database, since, days }));
  } catch (error) {
    io.stderr(
      `Could not read the report from ${database}: ${redactKeys(error instanceof Error ? error.message : String(error))}`,
    );
    return 1;
  } finally {
    await store.close();
  }
  return 0;
}

function daysOf(raw: string): number {
  const days = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(days) || days < 1) {
    throw new TypeError(`--days must be a whole number of days, 1 or more, not "${raw}".`);
  }
  return days;
}

/** The first day of the last `days` days, today (UTC) being the last. */
export function sinceDaysAgo(days: number, now: Date): string {
  return dayOf(new Date(now.getTime() - (days - 1) * 86_400_000));
}

export interface FormatOptions {
  database: string;
  since?: string | undefined;
  days?: number | undefined;
}

/** The report as plain-text tables, numbers right-aligned. */
export function formatReport(report: FeedbackReport, { database, since, days }: FormatOptions): string {
  const period =
    since === undefined ? 'all time' : `the last ${days === 1 ? 'day' : `${days ?? '?'} days`}, since ${since} (UTC)`;
  const none = since === undefined ? '(none yet)' : '(none in this period)';
  const sections: string[] = [`Feedback report: ${period}\nDatabase: ${database}`];

  sections.push(
    section(
      'Helpfulness per page (most "no" first)',
      report.pages.length === 0
        ? none
        : table(
            ['Page', 'Yes', 'No', 'Helpful'],
            report.pages.map(({ page, helpful, notHelpful }) => [
              page,
              helpful,
              notHelpful,
              percent(helpful, helpful + notHelpful),
            ]),
          ),
    ),
  );

  const withReasons = report.pages.filter(({ reasons }) => feedbackReasons.some((reason) => reasons[reason] > 0));
  sections.push(
    section(
      'Reasons given for "no", per page',
      withReasons.length === 0
        ? none
        : table(
            ['Page', ...feedbackReasons.map((reason) => reasonLabels[reason])],
            withReasons.map(({ page, reasons }) => [page, ...feedbackReasons.map((reason) => reasons[reason])]),
          ),
    ),
  );

  sections.push(
    section(
      `Most recent comments (up to ${commentsShown})`,
      report.comments.length === 0
        ? none
        : table(
            ['Day', 'Page', 'Helpful', 'Reason', 'Comment'],
            report.comments.map(({ day, page, helpful, reason, comment }) => [
              day,
              page,
              helpful ? 'yes' : 'no',
              reason === undefined ? '' : reasonLabels[reason],
              comment,
            ]),
          ),
    ),
  );

  sections.push(
    section(
      `Top searches that found nothing (up to ${missesShown})`,
      report.misses.length === 0
        ? none
        : table(
            ['Searches', 'Query'],
            report.misses.map(({ query, count }) => [count, query]),
          ),
    ),
  );

  sections.push(
    section(
      `Results opened for the top searches (up to ${clickQueriesShown})`,
      report.clicks.length === 0
        ? none
        : table(
            ['Opened', 'Query', 'Pages opened'],
            report.clicks.map(({ query, count, pages }) => [
              count,
              query,
              pages.map(({ page, count: opened }) => `${page} (${opened})`).join(', '),
            ]),
          ),
    ),
  );

  const latestDays = report.daily.slice(-daysShown).reverse();
  sections.push(
    section(
      `Per day (the latest ${daysShown} with anything recorded)`,
      latestDays.length === 0
        ? none
        : table(
            ['Day', 'Yes', 'No', 'Missed', 'Opened'],
            latestDays.map(({ day, helpful, notHelpful, misses, clicks }) => [
              day,
              helpful,
              notHelpful,
              misses,
              clicks,
            ]),
          ),
    ),
  );

  return sections.join('\n\n');
}

function section(title: string, body: string): string {
  return `${title}\n${body}`;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '' : `${Math.round((part / whole) * 100)}%`;
}

/**
 * Columns padded to their widest cell: numbers (and percentages) to the right, text to the left, the last
 * column unpadded so a long comment just runs on. Cells are one line each, free of control characters.
 */
export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? String(cell) : oneLine(cell))));
  const numeric = headers.map(
    (_, column) =>
      rows.every((row) => typeof row[column] === 'number' || /^(\d+%)?$/.test(String(row[column]))) &&
      rows.some((row) => row[column] !== ''),
  );
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...cells.map((row) => row[column]?.length ?? 0)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => {
        const last = column === row.length - 1;
        if (numeric[column]) return cell.padStart(widths[column] ?? 0);
        return last ? cell : cell.padEnd(widths[column] ?? 0);
      })
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

/** Whitespace and line breaks become one space; control and bidirectional-override characters go. */
function oneLine(text: string): string {
  return text
    .replace(/[\u202a-\u202e\u2066-\u2069]/gu, '')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
}
