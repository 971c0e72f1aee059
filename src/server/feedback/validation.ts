/**
 * What the feedback endpoints accept, as strict JSON objects checked with the shared `parseBody`: an unknown
 * field is refused by name, and each refusal says what a valid value looks like.
 */
import { z } from 'zod';
import type { BodySpec } from '../http/parse-body.ts';
import { feedbackReasons, normaliseQuery } from './store.ts';

export const maxPageLength = 200;
export const maxCommentLength = 1000;
export const maxQueryLength = 200;

/**
 * A path on this site: starts with one "/" (not "//", which names another host), no scheme or host, no spaces
 * or control characters, no backslash (which browsers read as "/").
 */
const sitePath = /^\/(?![/\\])[^\s\\\p{Cc}]*$/u;

export const feedbackBody = {
  schema: z
    .strictObject({
      page: z.string().max(maxPageLength).regex(sitePath).transform(normalisePage),
      helpful: z.boolean(),
      reason: z.enum(feedbackReasons).optional(),
      comment: z
        .string()
        .overwrite(withoutControls)
        .trim()
        .max(maxCommentLength)
        // An empty comment box sends "": that is no comment, not a refusal.
        .transform((comment) => comment || undefined)
        .optional(),
    })
    .refine((body) => body.helpful === false || body.reason === undefined, {
      path: ['reason'],
      error: 'reason is only accepted when helpful is false: leave it out when the page helped.',
    }),
  help: {
    page: `the path of the page on this site, starting with "/" and up to ${maxPageLength} characters, like "/refunds/partial-refunds/" or "/faq/#can-i-cancel-a-refund" (without "https://" and the host)`,
    helpful: 'true or false',
    reason: `one of ${feedbackReasons.join(', ')}, given only when helpful is false`,
    comment: `text of up to ${maxCommentLength} characters`,
  },
  example: '{"page": "/refunds/partial-refunds/", "helpful": true}',
} satisfies BodySpec<z.ZodType>;

export const searchMissBody = {
  schema: z.strictObject({
    query: z.string().trim().min(1).max(maxQueryLength).transform(normaliseQuery),
  }),
  help: {
    query: `the search text that found nothing, 1 to ${maxQueryLength} characters`,
  },
  example: '{"query": "refund to a closed card"}',
} satisfies BodySpec<z.ZodType>;

/** A search result a reader opened: the words searched and the page opened, nothing about the reader. */
export const searchClickBody = {
  schema: z.strictObject({
    /** The search text as the reader typed it; normalised as a missed search's is, so the counts add up. */
    query: z.string().trim().min(1).max(maxQueryLength).transform(normaliseQuery),
    /** The result opened: a path on this site, counted as a feedback page is (no query string). */
    page: z.string().max(maxPageLength).regex(sitePath).transform(normalisePage),
  }),
  help: {
    query: `the search text whose result was opened, 1 to ${maxQueryLength} characters`,
    page: `the path of the result opened on this site, starting with "/" and up to ${maxPageLength} characters, like "/refunds/partial-refunds/" (without "https://" and the host)`,
  },
  example: '{"query": "partial refund", "page": "/refunds/partial-refunds/"}',
} satisfies BodySpec<z.ZodType>;

/** Control characters other than line breaks and tabs have no place in a comment, and could upset a terminal. */
export function withoutControls(text: string): string {
  return text.replace(/[^\P{Cc}\n\t]/gu, '');
}

export type FeedbackInput = z.output<typeof feedbackBody.schema>;
export type SearchMissInput = z.output<typeof searchMissBody.schema>;
export type SearchClickInput = z.output<typeof searchClickBody.schema>;

/**
 * The page as it is counted, so that one page's answers add up: the query string goes (it is not part of an
 * article's address and may carry what the reader typed), an empty "#" goes, and a page path gets the
 * trailing slash the site's links use ("/refunds/partial-refunds" counts as "/refunds/partial-refunds/").
 */
export function normalisePage(page: string): string {
  const hashAt = page.indexOf('#');
  const beforeHash = hashAt < 0 ? page : page.slice(0, hashAt);
  const hash = hashAt < 0 || hashAt === page.length - 1 ? '' : page.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  let path = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  if (lastSegment !== '' && !lastSegment.includes('.')) path += '/';
  return path + hash;
}
