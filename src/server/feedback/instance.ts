/**
 * The one feedback handler of this server process, for the Astro routes, made on first use: the settings are
 * read then, and the database is opened on the first request, so a build never creates or reaches it. In a
 * Cloudflare Worker the store is D1 and the limit a rate-limit binding (src/server/cloudflare/worker-state.ts);
 * elsewhere `createFeedbackHandlerFromEnv` chooses (Postgres by DATABASE_URL, SQLite on node, none on Netlify and
 * Vercel without a database). The team's report page reads its `store`.
 *
 *   // src/pages/api/feedback.ts, search-misses.ts and search-clicks.ts
 *   export const prerender = false;
 *   export const POST: APIRoute = ({ request, clientAddress }) => feedbackHandler()(request, clientAddress);
 */
import { createWorkerFeedbackHandler } from '../cloudflare/worker-state.ts';
import { runtimeEnv } from '../runtime-env.ts';
import { isWorker } from '../target.ts';
import { createFeedbackHandlerFromEnv, type FeedbackHandler } from './handler.ts';

let handler: FeedbackHandler | undefined;

export function feedbackHandler(): FeedbackHandler {
  handler ??= isWorker ? createWorkerFeedbackHandler(runtimeEnv()) : createFeedbackHandlerFromEnv(runtimeEnv());
  return handler;
}
