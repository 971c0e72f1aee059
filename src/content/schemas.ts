/**
 * The content model of the help center. Every article and FAQ entry is checked against these schemas when
 * the site builds, so a mistake in frontmatter fails the build with the file and the field named.
 */
import { z } from 'astro/zod';
import { articleIdPattern, categories } from '../lib/categories.ts';
import { checkDecisionTable } from '../lib/troubleshooter.ts';

/** One of the sections listed in `categories.ts`: `refunds`, `disputes`, `fees`, `payouts`, `sources` or `accounts`. */
export const categorySchema = z.enum(categories);

/** A reference to another article by its entry id, `<category>/<slug>` (the file path without `.mdx`). */
const articleRef = z.string().regex(articleIdPattern, 'write "<category>/<slug>", like "refunds/partial-refunds"');

/** A word or phrase a reader might type: trimmed, not empty, at most 80 characters. */
const phrase = z.string().trim().min(1).max(80);

/** A page of Stripe's own documentation or API reference that an article's facts rest on. */
export const sourceSchema = z.strictObject({
  /** The page's title as a reader would recognise it: "Refunds", "API reference: Create a refund". */
  title: z.string().trim().min(3).max(120),
  /** The page itself, on Stripe's documentation or support site. */
  url: z.url({
    protocol: /^https$/,
    hostname: /^((docs|support)\.)?stripe\.com$/,
    error: 'link a page on https://docs.stripe.com/, https://support.stripe.com/ or https://stripe.com/',
  }),
});

export const articleSchema = z.strictObject({
  /** The stable article number agents quote ("article 1042"); unique, never reused, also the short link `/a/<id>/`. */
  id: z.number().int().min(1000).max(99999),
  /** A question or a task in the reader's words: "Can I cancel a refund?", "Refund part of a payment". */
  title: z.string().trim().min(3).max(120),
  /** The short answer, complete on its own: shown in search results and pasted into tickets. */
  summary: z.string().trim().min(1).max(280),
  /** The section the article belongs to; must match the folder it lives in. */
  category: categorySchema,
  /** When the article's text last changed in a way a reader would notice. */
  updated: z.coerce.date(),
  /** When someone last checked every fact in the article against its `sources`; `npm run freshness` lists the oldest. */
  reviewed: z.coerce.date({ error: 'write the date the facts were last checked against the sources, like 2026-12-02' }),
  /** The Stripe pages the article's facts come from, cited at its end: at least one. */
  sources: z.array(sourceSchema, { error: 'list the Stripe pages this article relies on (title and url)' }).min(1, 'cite at least one Stripe page this article relies on'),
  /** Broad topics, for grouping. */
  tags: z.array(phrase).default([]),
  /** Words readers use that the text may not: synonyms, jargon, common misspellings ("money back", "refnud"). */
  keywords: z.array(phrase).default([]),
  /** Articles a reader needs next, as `<category>/<slug>`: at least one, and each must exist. */
  related: z.array(articleRef).min(1, 'list at least one related article a reader needs next'),
  /** Former slugs (`<category>/<old-slug>`) that keep redirecting here after a rename. */
  aliases: z.array(articleRef).default([]),
  /** Exact queries this article should answer first, shown above other results ("best bets"). */
  pinnedQueries: z.array(phrase).default([]),
  /** Listed among the top articles on the home page. */
  featured: z.boolean().default(false),
  /** A draft is checked but not published. */
  draft: z.boolean().default(false),
});
export type ArticleData = z.infer<typeof articleSchema>;

export const faqSchema = z.strictObject({
  /** The question as a reader asks it; its slug is the anchor on `/faq/` (`/faq/#can-i-cancel-a-refund`). */
  question: z.string().trim().min(5).max(160),
  /** The section the question is listed under. */
  category: categorySchema,
  /** Words readers use that the answer may not. */
  keywords: z.array(phrase).default([]),
  /** The article that explains more, as `<category>/<slug>`: every answer links one. */
  article: articleRef,
  /** Among the most-asked questions, listed on the home page. */
  featured: z.boolean().default(false),
  /** Lower numbers are listed first within a category. */
  order: z.number().int().min(0).default(100),
  /** Former question slugs merged into this answer: their anchors and pages keep leading here. */
  aliases: z.array(z.string().regex(/^[a-z0-9-]+$/, 'write the old question slug, like "can-i-refund-a-payment-twice"')).default([]),
});
export type FaqData = z.infer<typeof faqSchema>;


/**
 * One entry of the site-wide synonym map (`content/search/synonyms.json`): the words readers use for a term the
 * articles use. Search rewrites a synonym in the query to its term before asking the index.
 */
export const synonymSchema = z.strictObject({
  /** The term the articles use: "refund", "dispute", "api key". */
  id: phrase,
  /** What readers type instead: "money back", "chargeback", "secret key". */
  synonyms: z.array(phrase).min(1),
});
export type SynonymData = z.infer<typeof synonymSchema>;

/** A short id in a decision table: lowercase words joined by hyphens. */
const tableId = z.string().regex(/^[a-z0-9-]+$/, 'write a lowercase id with hyphens, like "pending-reason"');

/**
 * A troubleshooter's decision table (`content/troubleshooters/<id>.yaml`), shown by `<Troubleshooter id="…" />`:
 * questions with fixed answers, and cases read from the top, the first whose conditions all hold being the answer.
 * Beyond the fields, the build checks that conditions name real questions and options, that every combination of
 * answers reaches a case, and that every case can be reached (`checkDecisionTable`).
 */
export const troubleshooterSchema = z
  .strictObject({
    /** The reader's question, shown as the troubleshooter's heading: "Where is my refund?". */
    title: z.string().trim().min(3).max(120),
    /** One or two sentences under the heading: who it is for and what it will ask. */
    intro: z.string().trim().min(1).max(280),
    /** The questions, in the order they are asked; a reader sees only those that can still change the answer. */
    questions: z
      .array(
        z.strictObject({
          /** The key cases use in `when`. */
          id: tableId,
          /** The question as the reader sees it. */
          label: z.string().trim().min(3).max(160),
          /** Where to find the answer, when that isn't obvious (`code` in backticks is shown as code). */
          hint: z.string().trim().min(1).max(280).optional(),
          /** The answers to pick from: at least two. */
          options: z.array(z.strictObject({ id: tableId, label: z.string().trim().min(1).max(120) })).min(2),
        }),
      )
      .min(1),
    /** The outcomes, most specific first. */
    cases: z
      .array(
        z.strictObject({
          /** Stable: it is the anchor agents link to (`#<table id>-<case id>`). */
          id: tableId,
          /** Question id → the option ids that lead here; a question left out doesn't matter for this case. */
          when: z.record(z.string(), z.array(z.string()).min(1)).default({}),
          /** What is happening, in a sentence or two. */
          answer: z.string().trim().min(1).max(400),
          /** What the reader should do next. */
          next: z.string().trim().min(1).max(400),
          /** The article that explains more, as `<category>/<slug>`. */
          article: articleRef,
        }),
      )
      .min(1),
  })
  .superRefine((table, ctx) => {
    for (const problem of checkDecisionTable(table)) ctx.addIssue({ code: 'custom', ...problem });
  });
export type TroubleshooterData = z.infer<typeof troubleshooterSchema>;
