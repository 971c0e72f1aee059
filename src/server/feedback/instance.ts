/**
 * The one feedback handler of this server process, for the Astro routes, made on first use: the settings are
 * read then, and the database is opened on the first request, so a build never creates or reaches it. Which store
 * (Postgres by DATABASE_URL, SQLite on node, none on Netlify and Vercel without a database) is chosen by
 * `createFeedbackHandlerFromEnv`. The team's report page reads its `store`.
 *
 *   // src/pages/api/feedback.ts, search-misses.ts and search-clicks.ts
 *   export const prerender = false;
 *   export const POST: APIRoute = ({ request, clientAddress }) => feedbackHandler()(request, clientAddress);
 */
import { runtimeEnv } from '../runtime-env.ts';
import { createFeedbackHandlerFromEnv, type FeedbackHandler } from './handler.ts';

let handler: FeedbackHandler | undefined;

export function feedbackHandler(): FeedbackHandler {
  handler ??= createFeedbackHandlerFromEnv(runtimeEnv());
  return handler;
}
