/** The counts per day the report page's charts are drawn from. */
import type { DayCounts } from '../feedback/store.ts';
import { dayRange } from './chart.ts';

/** At most this many days are drawn; a longer period shows its latest days, and the page says so. */
export const maxChartDays = 90;
/** Without `since`, the charts cover at least this many days up to today. */
export const minChartDays = 14;

/**
 * The days the charts cover, every day with or without counts: from `since` (or the first day with any, two
 * weeks ago at the latest) to today, the latest `maxChartDays` of them; and the counts per day over them, zero where nothing was recorded.
 */
export function chartData(
  daily: readonly DayCounts[],
  { since, today }: { since?: string | undefined; today: string },
): { days: string[]; counts: DayCounts[]; cut: boolean } {
  // Two weeks at least, so a new site's first day is one bar among others rather than the whole width.
  const twoWeeksAgo = dayRange('0000-01-01', today, minChartDays)[0] ?? today;
  const first = since ?? [twoWeeksAgo, ...daily.map(({ day }) => day)].sort()[0] ?? today;
  const last = [today, ...daily.map(({ day }) => day)].sort().at(-1) ?? today;
  // One day more than is drawn, to know whether the period was cut.
  const all = dayRange(first, last, maxChartDays + 1);
  const days = all.slice(-maxChartDays);
  const byDay = new Map(daily.map((counts) => [counts.day, counts]));
  const counts = days.map((day) => byDay.get(day) ?? { day, helpful: 0, notHelpful: 0, misses: 0, clicks: 0 });
  return { days, counts, cut: all.length > days.length };
}
