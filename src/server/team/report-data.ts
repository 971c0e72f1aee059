/**
 * What the report page shows, beyond the store's `FeedbackReport`: which results readers opened for the top
 * queries, and the counts per day the charts are drawn from.
 *
 * Until the store's report carries `clicks` and `daily` (the FeedbackStore additions), they are read as optional
 * here and default to empty; once it does, these types are the store's own.
 */
import type { FeedbackReport } from '../feedback/store.ts';
import { dayRange } from './chart.ts';

// Until then: the store's types as the interface note gives them (/work/wt/notes/stores-interface.md).
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
  /** Most opened first, then by page. */
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

declare module '../feedback/store.ts' {
  interface FeedbackStore {
    addSearchClick?(query: string, page: string, day?: string): void | Promise<void>;
  }
}

export interface TeamReport extends FeedbackReport {
  clicks: QueryClicks[];
  daily: DayCounts[];
}

export function teamReport(report: FeedbackReport & Partial<Pick<TeamReport, 'clicks' | 'daily'>>): TeamReport {
  return { ...report, clicks: report.clicks ?? [], daily: report.daily ?? [] };
}

/** At most this many days are drawn; a longer period shows its latest days, and the page says so. */
export const maxChartDays = 90;

/**
 * The days the charts cover, every day with or without counts: from `since` (or the first day with any) to
 * today, the latest `maxChartDays` of them; and the counts per day over them, zero where nothing was recorded.
 */
export function chartData(
  daily: readonly DayCounts[],
  { since, today }: { since?: string | undefined; today: string },
): { days: string[]; counts: DayCounts[]; cut: boolean } {
  const first = since ?? daily.map(({ day }) => day).sort()[0] ?? today;
  const last = [today, ...daily.map(({ day }) => day)].sort().at(-1) ?? today;
  // One day more than is drawn, to know whether the period was cut.
  const all = dayRange(first, last, maxChartDays + 1);
  const days = all.slice(-maxChartDays);
  const byDay = new Map(daily.map((counts) => [counts.day, counts]));
  const counts = days.map((day) => byDay.get(day) ?? { day, helpful: 0, notHelpful: 0, misses: 0, clicks: 0 });
  return { days, counts, cut: all.length > days.length };
}
