/**
 * `npm run report`: the formatting in-process, then `scripts/report.ts` as a child process against a temporary
 * KB_DATA_DIR, as the support team would run it.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatReport, sinceDaysAgo, table } from './report.ts';
import { createSqliteStore } from './sqlite-store.ts';
import { dayOf, noReasons } from './store.ts';
import { tempDirs } from './test-support.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const script = join(root, 'scripts', 'report.ts');
const tempDir = tempDirs('feedback-report-');

function report(args: string[], dataDir: string) {
  const { status, stdout, stderr } = spawnSync(process.execPath, [script, ...args], {
    cwd: root,
    env: { ...process.env, KB_DATA_DIR: dataDir, NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  return { status, stdout, stderr };
}

describe('table', () => {
  it('aligns columns: numbers right, text left, the last column unpadded', () => {
    assert.equal(
      table(
        ['Page', 'Yes', 'No', 'Helpful'],
        [
          ['/a/', 1, 12, '8%'],
          ['/much-longer/', 100, 0, '100%'],
        ],
      ),
      [
        'Page           Yes  No  Helpful',
        '-------------  ---  --  -------',
        '/a/              1  12       8%',
        '/much-longer/  100   0     100%',
      ].join('\n'),
    );
    assert.equal(
      table(['Day', 'Comment'], [['2025-01-01', 'two\nlines\t and\u001b[2J escapes \u202eevil']]),
      [
        'Day         Comment',
        '----------  ------------------------------',
        '2025-01-01  two lines and [2J escapes evil',
      ].join('\n'),
    );
  });
});

describe('formatReport', () => {
  it('prints the six sections, with reasons only for pages that have some, the latest day first', () => {
    const text = formatReport(
      {
        pages: [
          { page: '/fees/', helpful: 1, notHelpful: 3, reasons: { ...noReasons(), wrong: 2, did_not_solve: 1 } },
          { page: '/refunds/', helpful: 4, notHelpful: 0, reasons: noReasons() },
        ],
        comments: [{ page: '/fees/', day: '2025-06-02', helpful: false, reason: 'wrong', comment: 'The fee is 2.9%' }],
        misses: [
          { query: 'payout', count: 12 },
          { query: 'iban', count: 3 },
        ],
        clicks: [
          {
            query: 'partial refund',
            count: 4,
            pages: [
              { page: '/refunds/partial-refunds/', count: 3 },
              { page: '/faq/#can-i-cancel-a-refund', count: 1 },
            ],
          },
          { query: 'fees', count: 1, pages: [{ page: '/fees/', count: 1 }] },
        ],
        daily: [
          { day: '2025-06-01', helpful: 3, notHelpful: 1, misses: 10, clicks: 0 },
          { day: '2025-06-02', helpful: 2, notHelpful: 2, misses: 5, clicks: 5 },
        ],
      },
      { database: '/data/feedback.sqlite', since: '2025-05-27', days: 7 },
    );
    assert.equal(
      text,
      `Feedback report: the last 7 days, since 2025-05-27 (UTC)
Database: /data/feedback.sqlite

Helpfulness per page (most "no" first)
Page       Yes  No  Helpful
---------  ---  --  -------
/fees/       1   3      25%
/refunds/    4   0     100%

Reasons given for "no", per page
Page    Missing information  Wrong  Hard to follow  Did not solve it
------  -------------------  -----  --------------  ----------------
/fees/                    0      2               0                 1

Most recent comments (up to 20)
Day         Page    Helpful  Reason  Comment
----------  ------  -------  ------  ---------------
2025-06-02  /fees/  no       Wrong   The fee is 2.9%

Top searches that found nothing (up to 20)
Searches  Query
--------  ------
      12  payout
       3  iban

Results opened for the top searches (up to 20)
Opened  Query           Pages opened
------  --------------  --------------------------------------------------------------
     4  partial refund  /refunds/partial-refunds/ (3), /faq/#can-i-cancel-a-refund (1)
     1  fees            /fees/ (1)

Per day (the latest 14 with anything recorded)
Day         Yes  No  Missed  Opened
----------  ---  --  ------  ------
2025-06-02    2   2       5       5
2025-06-01    3   1      10       0`,
    );
  });

  it('says when a section is empty', () => {
    const text = formatReport({ pages: [], comments: [], misses: [], clicks: [], daily: [] }, { database: 'x' });
    assert.match(text, /^Feedback report: all time/);
    assert.equal(text.match(/\(none yet\)/g)?.length, 6);
  });

  it('counts --days back from today, today included', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    assert.equal(sinceDaysAgo(1, now), '2025-03-01');
    assert.equal(sinceDaysAgo(7, now), '2025-02-23');
  });
});

describe('npm run report (scripts/report.ts)', () => {
  let dataDir: string;
  const today = dayOf(new Date());

  before(() => {
    dataDir = tempDir();
    const store = createSqliteStore({ dataDir });
    store.addFeedback({ page: '/refunds/partial-refunds/', helpful: true, day: today });
    store.addFeedback({
      page: '/refunds/partial-refunds/',
      helpful: false,
      reason: 'wrong',
      comment: 'Out of date',
      day: today,
    });
    store.addFeedback({ page: '/fees/stripe-fees/', helpful: false, reason: 'missing_information', day: today });
    store.addFeedback({ page: '/fees/stripe-fees/', helpful: false, reason: 'missing_information', day: today });
    store.addFeedback({
      page: '/old/',
      helpful: false,
      reason: 'hard_to_follow',
      comment: 'Old comment',
      day: '2000-01-01',
    });
    for (let i = 1; i <= 24; i++)
      store.addFeedback({ page: '/faq/', helpful: true, comment: `Thanks ${i}`, day: today });
    for (const query of ['payout schedule', 'payout schedule', 'payout schedule', 'iban'])
      store.addSearchMiss(query, today);
    store.addSearchMiss('ancient', '2000-01-01');
    store.close();
  });

  it('prints aligned tables: most "no" first, 20 recent comments, top searches', () => {
    const { status, stdout, stderr } = report([], dataDir);
    assert.equal(status, 0, stderr);
    assert.equal(stderr, '', 'nothing on stderr: no warning either');
    assert.match(stdout, /^Feedback report: all time\nDatabase: .*feedback\.sqlite\n/);
    const pagesTable = stdout.split('\n\n')[1]?.split('\n') ?? [];
    assert.deepEqual(pagesTable, [
      'Helpfulness per page (most "no" first)',
      'Page                       Yes  No  Helpful',
      '-------------------------  ---  --  -------',
      '/fees/stripe-fees/           0   2       0%',
      '/old/                        0   1       0%',
      '/refunds/partial-refunds/    1   1      50%',
      '/faq/                       24   0     100%',
    ]);
    assert.match(stdout, /\/fees\/stripe-fees\/ +2 +0 +0 +0\n/);
    const comments = stdout.split('\n\n')[3]?.split('\n') ?? [];
    assert.equal(comments.length, 3 + 20, 'title, header, rule and 20 comments');
    assert.match(comments[3] ?? '', /^\d{4}-\d{2}-\d{2} {2}\/faq\/ +yes +Thanks 24$/);
    assert.ok(!stdout.includes('Old comment'), 'older than the 20 most recent');
    assert.match(stdout, /Searches {2}Query\n-+ {2}-+\n {7}3 {2}payout schedule\n {7}1 {2}ancient\n {7}1 {2}iban/);
  });

  it('--days N keeps only the last N days', () => {
    const { status, stdout } = report(['--days', '7'], dataDir);
    assert.equal(status, 0);
    assert.match(stdout, /^Feedback report: the last 7 days, since \d{4}-\d{2}-\d{2} \(UTC\)/);
    assert.ok(!stdout.includes('/old/'));
    assert.ok(!stdout.includes('ancient'));
  });

  it('--json prints one JSON object', () => {
    const { status, stdout } = report(['--json', '--days', '1'], dataDir);
    assert.equal(status, 0);
    const parsed = JSON.parse(stdout);
    assert.deepEqual(Object.keys(parsed), ['database', 'since', 'pages', 'comments', 'misses', 'clicks', 'daily']);
    assert.equal(parsed.since, today);
    assert.deepEqual(parsed.pages[0], {
      page: '/fees/stripe-fees/',
      helpful: 0,
      notHelpful: 2,
      reasons: { missing_information: 2, wrong: 0, hard_to_follow: 0, did_not_solve: 0 },
    });
    assert.equal(parsed.comments.length, 20);
    assert.deepEqual(parsed.misses, [
      { query: 'payout schedule', count: 3 },
      { query: 'iban', count: 1 },
    ]);
  });

  it('with no database yet, says so plainly, creates nothing and exits 0', () => {
    const empty = join(tempDir(), 'not-yet');
    const plain = report([], empty);
    assert.equal(plain.status, 0);
    assert.match(plain.stdout, /^No feedback database yet: .*not-yet\/feedback\.sqlite doesn't exist\./);
    const json = report(['--json'], empty);
    assert.equal(json.status, 0);
    assert.deepEqual(JSON.parse(json.stdout), {
      database: null,
      since: null,
      pages: [],
      comments: [],
      misses: [],
      clicks: [],
      daily: [],
    });
    assert.match(json.stderr, /No feedback database yet/);
    assert.equal(existsSync(empty), false);
  });

  it('refuses a bad option with usage and exit code 2', () => {
    for (const args of [['--days', '0'], ['--days', 'week'], ['--verbose']]) {
      const { status, stderr } = report(args, dataDir);
      assert.equal(status, 2, args.join(' '));
      assert.match(stderr, /Usage: npm run report/);
    }
    assert.match(execFileSync(process.execPath, [script, '--help'], { encoding: 'utf8' }), /--days N/);
  });
});
