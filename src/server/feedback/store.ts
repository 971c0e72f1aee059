/**
 * Where feedback is kept, behind a small interface: SQLite on a server with a disk (`createSqliteStore`), memory
 * for tests and for platforms without one (`createMemoryStore`). On a serverless platform, where every instance
 * has its own memory and no lasting disk, put a hosted database behind the same interface instead: the
 * handler and the report only ever see a `FeedbackStore`, and every method may return a promise.
 *
 * What a store holds is deliberately little: the page, the answer, the reason, a scrubbed comment and the day
 * (UTC, never a time); for searches, the normalised query and a count per day. Never who sent it: no IP
 * address, client id, user agent or precise time.
 */
export const feedbackReasons = ['missing_information', 'wrong', 'hard_to_follow', 'did_not_solve'] as const;

export type FeedbackReason = (typeof feedbackReasons)[number];

export interface FeedbackEntry {
  /** A path on the site, like "/refunds/partial-refunds/" or "/faq/#can-i-cancel-a-refund". */
  page: string;
  helpful: boolean;
  /** Only with `helpful: false`. */
  reason?: FeedbackReason | undefined;
  /** Already trimmed and scrubbed of personal data. */
  comment?: string | undefined;
  /** `YYYY-MM-DD` in UTC; today when left out. */
  day?: string | undefined;
}

export interface ReportOptions {
  /** `YYYY-MM-DD`: only what was recorded on that day or later. Everything when left out. */
  since?: string | undefined;
  /** How many comments and search misses to list, 20 by default. Every page is listed. */
  limit?: number | undefined;
}

export interface PageSummary {
  page: string;
  helpful: number;
  notHelpful: number;
  /** How often each reason was given, every reason present (0 when never given). */
  reasons: Record<FeedbackReason, number>;
}

export interface ReportComment {
  page: string;
  day: string;
  helpful: boolean;
  reason?: FeedbackReason;
  comment: string;
}

export interface SearchMissCount {
  query: string;
  count: number;
}

export interface FeedbackReport {
  /** Most "not helpful" first, then fewest "helpful" (the lower share of yes), then by page. */
  pages: PageSummary[];
  /** Most recent first. */
  comments: ReportComment[];
  /** Most frequent first, then alphabetical. */
  misses: SearchMissCount[];
}

export interface FeedbackStore {
  addFeedback(entry: FeedbackEntry): void | Promise<void>;
  /** Counts one more search for `query` (normalised here too) that found nothing, on `day` (today by default). */
  addSearchMiss(query: string, day?: string): void | Promise<void>;
  report(options?: ReportOptions): FeedbackReport | Promise<FeedbackReport>;
  close(): void | Promise<void>;
}

export const defaultReportLimit = 20;

/** The UTC day of `date` as `YYYY-MM-DD`: the only time a store keeps. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A search query as it is counted: Unicode-normalised, lowercased, whitespace collapsed and trimmed. */
export function normaliseQuery(query: string): string {
  return query.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

export function assertDay(day: string, what: string): void {
  if (!dayPattern.test(day)) throw new TypeError(`${what} must be a day as YYYY-MM-DD, not "${day}".`);
}

/** The report options, checked, with their defaults. */
export function reportBounds({ since, limit = defaultReportLimit }: ReportOptions = {}): {
  since: string;
  limit: number;
} {
  if (since !== undefined) assertDay(since, 'since');
  if (!Number.isInteger(limit) || limit < 0)
    throw new TypeError(`limit must be a whole number of 0 or more, not ${limit}.`);
  // Every stored day sorts after this one, so "no since" needs no query of its own.
  return { since: since ?? '0000-00-00', limit };
}

export function noReasons(): Record<FeedbackReason, number> {
  return { missing_information: 0, wrong: 0, hard_to_follow: 0, did_not_solve: 0 };
}

/** Code-unit order, as SQLite's default collation sorts ASCII, so both stores list ties alike. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface StoredFeedback {
  seq: number;
  page: string;
  helpful: boolean;
  reason: FeedbackReason | undefined;
  comment: string | undefined;
  day: string;
}

export interface MemoryStoreOptions {
  now?: () => Date;
  /** Answers kept at most; the oldest go first. */
  maxFeedback?: number;
  /** Query-and-day counts kept at most; the least recently counted go first. */
  maxSearchMisses?: number;
}

/**
 * Keeps what it is sent in this process's memory, up to a cap, so a long-running instance that anyone can post
 * to can't be made to grow without bound: for tests, and for a platform without a disk where losing feedback on
 * restart is acceptable. A serverless platform wants a hosted database behind `FeedbackStore` instead.
 */
export function createMemoryStore({
  now = () => new Date(),
  maxFeedback = 10_000,
  maxSearchMisses = 10_000,
}: MemoryStoreOptions = {}): FeedbackStore {
  const feedback: StoredFeedback[] = [];
  // In order of last count, so the front is the least recently counted.
  const misses = new Map<string, { query: string; day: string; count: number }>();
  let seq = 0;

  return {
    addFeedback({ page, helpful, reason, comment, day = dayOf(now()) }) {
      assertDay(day, 'day');
      feedback.push({ seq: seq++, page, helpful, reason, comment, day });
      if (feedback.length > maxFeedback) feedback.splice(0, feedback.length - maxFeedback);
    },

    addSearchMiss(query, day = dayOf(now())) {
      assertDay(day, 'day');
      const normalised = normaliseQuery(query);
      const key = `${day}\n${normalised}`;
      const counted = misses.get(key) ?? { query: normalised, day, count: 0 };
      counted.count += 1;
      misses.delete(key);
      misses.set(key, counted);
      for (const oldest of misses.keys()) {
        if (misses.size <= maxSearchMisses) break;
        misses.delete(oldest);
      }
    },

    report(options) {
      const { since, limit } = reportBounds(options);
      const recent = feedback.filter((entry) => entry.day >= since);

      const byPage = new Map<string, PageSummary>();
      for (const { page, helpful, reason } of recent) {
        const summary = byPage.get(page) ?? { page, helpful: 0, notHelpful: 0, reasons: noReasons() };
        if (helpful) summary.helpful += 1;
        else summary.notHelpful += 1;
        if (reason !== undefined) summary.reasons[reason] += 1;
        byPage.set(page, summary);
      }
      const pages = [...byPage.values()].sort(
        (a, b) => b.notHelpful - a.notHelpful || a.helpful - b.helpful || compareText(a.page, b.page),
      );

      const comments = recent
        .filter((entry) => entry.comment !== undefined)
        .sort((a, b) => compareText(b.day, a.day) || b.seq - a.seq)
        .slice(0, limit)
        .map(({ page, day, helpful, reason, comment }) => ({
          page,
          day,
          helpful,
          ...(reason && { reason }),
          comment: comment ?? '',
        }));

      const counts = new Map<string, number>();
      for (const { query, day, count } of misses.values()) {
        if (day >= since) counts.set(query, (counts.get(query) ?? 0) + count);
      }
      const missList = [...counts]
        .map(([query, count]) => ({ query, count }))
        .sort((a, b) => b.count - a.count || compareText(a.query, b.query))
        .slice(0, limit);

      return { pages, comments, misses: missList };
    },

    close() {},
  };
}
