/**
 * Where feedback is kept, behind a small interface with one implementation per engine: SQLite on a server with a
 * disk (`createSqliteStore`), Postgres on a serverless platform (`createPostgresStore`, reached by DATABASE_URL),
 * memory for tests (`createMemoryStore`). The handler and the report only ever see a `FeedbackStore`, and every
 * method may return a promise. Every store passes the same contract suite (store-contract.ts).
 *
 * What a store holds is deliberately little: the page, the answer, the reason, a scrubbed comment and the day
 * (UTC, never a time); for searches, the normalised query and a count per day, and for the result a reader opened,
 * the query, the page and a count per day. Never who sent it: no IP address, client id, user agent or precise time.
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

export interface PageClicks {
  /** The result's path on the site. */
  page: string;
  count: number;
}

export interface QueryClicks {
  /** The search, normalised as misses are. */
  query: string;
  /** Results opened for it, all pages together. */
  count: number;
  /** Most opened first, then by page; at most `clickPagesPerQuery`. */
  pages: PageClicks[];
}

export interface DayCounts {
  /** `YYYY-MM-DD` in UTC. */
  day: string;
  helpful: number;
  notHelpful: number;
  /** Searches that found nothing. */
  misses: number;
  /** Search results opened. */
  clicks: number;
}

export interface FeedbackReport {
  /** Most "not helpful" first, then fewest "helpful" (the lower share of yes), then by page. */
  pages: PageSummary[];
  /** Most recent first. */
  comments: ReportComment[];
  /** Most frequent first, then alphabetical. */
  misses: SearchMissCount[];
  /** The queries whose results were opened most, then alphabetical; at most `limit`. */
  clicks: QueryClicks[];
  /** One entry per day with anything recorded, oldest first, for the report's charts. */
  daily: DayCounts[];
}

export interface FeedbackStore {
  addFeedback(entry: FeedbackEntry): void | Promise<void>;
  /** Counts one more search for `query` (normalised here too) that found nothing, on `day` (today by default). */
  addSearchMiss(query: string, day?: string): void | Promise<void>;
  /**
   * Counts one more opening of the result `page` (a path on the site) for the search `query` (normalised as
   * misses are), on `day` (today by default).
   */
  addSearchClick(query: string, page: string, day?: string): void | Promise<void>;
  report(options?: ReportOptions): FeedbackReport | Promise<FeedbackReport>;
  close(): void | Promise<void>;
}

export const defaultReportLimit = 20;

/** How many result pages the report lists per query. */
export const clickPagesPerQuery = 5;

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

/** Code-unit order, as SQLite's default collation and Postgres's "C" collation sort, so every store lists ties alike. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
