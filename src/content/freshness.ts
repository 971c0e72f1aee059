/**
 * How long ago each article's facts were checked against Stripe's pages, for the team's review cycle
 * (`npm run freshness`). An article is due when its review is older than the cycle or than a cut-off date the team
 * names (say, the day Stripe changed an API the library describes); one never reviewed is always due.
 */

export interface ReviewedArticle {
  /** The file, relative to the project. */
  file: string;
  title: string;
  /** When its facts were last checked; undefined for an article never reviewed. */
  reviewed?: Date;
}

export interface Freshness extends ReviewedArticle {
  /** Whole days since the review, or undefined for an article never reviewed. */
  ageDays?: number;
  /** Why the article is due for review, or undefined when it isn't. */
  due?: string;
}

export interface FreshnessRule {
  today: Date;
  /** Reviews older than this many days are due. */
  maxAgeDays: number;
  /** Reviews before this day are due, whatever their age. */
  before?: Date;
}

const DAY = 24 * 60 * 60 * 1000;

/** Every article with its review age and whether it is due, the oldest (and the never reviewed) first. */
export function freshness(articles: ReviewedArticle[], { today, maxAgeDays, before }: FreshnessRule): Freshness[] {
  return articles
    .map((article): Freshness => {
      if (!article.reviewed) return { ...article, due: 'never reviewed' };
      const ageDays = Math.floor((today.getTime() - article.reviewed.getTime()) / DAY);
      const due =
        before && article.reviewed < before
          ? `reviewed before ${isoDay(before)}`
          : ageDays > maxAgeDays
            ? `reviewed over ${maxAgeDays} days ago`
            : undefined;
      return { ...article, ageDays, due };
    })
    .sort((a, b) => (b.ageDays ?? Infinity) - (a.ageDays ?? Infinity) || a.file.localeCompare(b.file));
}

export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
