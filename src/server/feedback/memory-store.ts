/**
 * The feedback store in this process's memory: for tests, and the reference the contract suite holds the
 * database stores to. Nothing survives the process, and every instance of a serverless function would have its
 * own, which is why no deployment target uses it (see handler.ts).
 */
import {
  assertDay,
  clickPagesPerQuery,
  compareText,
  dayOf,
  noReasons,
  normaliseQuery,
  reportBounds,
  type DayCounts,
  type FeedbackReason,
  type FeedbackStore,
  type PageSummary,
  type QueryClicks,
} from './store.ts';

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
  /** Query, page and day counts of opened results kept at most; the least recently counted go first. */
  maxSearchClicks?: number;
}

/**
 * Keeps what it is sent up to a cap, so a long-running process that anyone can post to can't be made to grow
 * without bound.
 */
export function createMemoryStore({
  now = () => new Date(),
  maxFeedback = 10_000,
  maxSearchMisses = 10_000,
  maxSearchClicks = 10_000,
}: MemoryStoreOptions = {}): FeedbackStore {
  const feedback: StoredFeedback[] = [];
  // In order of last count, so the front is the least recently counted.
  const misses = new Map<string, { query: string; day: string; count: number }>();
  const clicks = new Map<string, { query: string; page: string; day: string; count: number }>();
  let seq = 0;

  /** One more for `key`, moved to the back; the front goes once there are more than `max`. */
  function bump<T extends { count: number }>(counts: Map<string, T>, key: string, fresh: T, max: number): void {
    const counted = counts.get(key) ?? fresh;
    counted.count += 1;
    counts.delete(key);
    counts.set(key, counted);
    for (const oldest of counts.keys()) {
      if (counts.size <= max) break;
      counts.delete(oldest);
    }
  }

  return {
    addFeedback({ page, helpful, reason, comment, day = dayOf(now()) }) {
      assertDay(day, 'day');
      feedback.push({ seq: seq++, page, helpful, reason, comment, day });
      if (feedback.length > maxFeedback) feedback.splice(0, feedback.length - maxFeedback);
    },

    addSearchMiss(query, day = dayOf(now())) {
      assertDay(day, 'day');
      const normalised = normaliseQuery(query);
      bump(misses, JSON.stringify([day, normalised]), { query: normalised, day, count: 0 }, maxSearchMisses);
    },

    addSearchClick(query, page, day = dayOf(now())) {
      assertDay(day, 'day');
      const normalised = normaliseQuery(query);
      bump(
        clicks,
        JSON.stringify([day, normalised, page]),
        { query: normalised, page, day, count: 0 },
        maxSearchClicks,
      );
    },

    report(options) {
      const { since, limit } = reportBounds(options);
      const recent = feedback.filter((entry) => entry.day >= since);
      const daily = new Map<string, DayCounts>();
      const dayCounts = (day: string): DayCounts => {
        const counts = daily.get(day) ?? { day, helpful: 0, notHelpful: 0, misses: 0, clicks: 0 };
        daily.set(day, counts);
        return counts;
      };

      const byPage = new Map<string, PageSummary>();
      for (const { page, helpful, reason, day } of recent) {
        const summary = byPage.get(page) ?? { page, helpful: 0, notHelpful: 0, reasons: noReasons() };
        if (helpful) summary.helpful += 1;
        else summary.notHelpful += 1;
        if (reason !== undefined) summary.reasons[reason] += 1;
        byPage.set(page, summary);
        if (helpful) dayCounts(day).helpful += 1;
        else dayCounts(day).notHelpful += 1;
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

      const missCounts = new Map<string, number>();
      for (const { query, day, count } of misses.values()) {
        if (day < since) continue;
        missCounts.set(query, (missCounts.get(query) ?? 0) + count);
        dayCounts(day).misses += count;
      }
      const missList = [...missCounts]
        .map(([query, count]) => ({ query, count }))
        .sort((a, b) => b.count - a.count || compareText(a.query, b.query))
        .slice(0, limit);

      const byQuery = new Map<string, { count: number; pages: Map<string, number> }>();
      for (const { query, page, day, count } of clicks.values()) {
        if (day < since) continue;
        const counted = byQuery.get(query) ?? { count: 0, pages: new Map<string, number>() };
        counted.count += count;
        counted.pages.set(page, (counted.pages.get(page) ?? 0) + count);
        byQuery.set(query, counted);
        dayCounts(day).clicks += count;
      }
      const clickList = [...byQuery]
        .map(([query, { count, pages }]): QueryClicks => ({
          query,
          count,
          pages: [...pages]
            .map(([page, count]) => ({ page, count }))
            .sort((a, b) => b.count - a.count || compareText(a.page, b.page))
            .slice(0, clickPagesPerQuery),
        }))
        .sort((a, b) => b.count - a.count || compareText(a.query, b.query))
        .slice(0, limit);

      return {
        pages,
        comments,
        misses: missList,
        clicks: clickList,
        daily: [...daily.values()].sort((a, b) => compareText(a.day, b.day)),
      };
    },

    close() {},
  };
}
