/**
 * Cloudflare's round trip against the real local engine: while `wrangler dev` serves the build, a vote and a missed
 * search go through the Worker over HTTP into D1, and posts past the allowance are refused by the rate-limit
 * binding; once wrangler has stopped, `npm run report`'s code reads them back from the same persist folder
 * (KB_D1_STATE) through a new engine. What a later instance of the Worker would see.
 */
import { loadConfig } from '../../src/server/config.ts';
import { runReport } from '../../src/server/feedback/report.ts';
import type { FeedbackReport } from '../../src/server/feedback/store.ts';
import type { Check } from './types.ts';

/** What went in, to look for on the way back. */
export interface Sent {
  page: string;
  query: string;
  comment: string;
}

/** A page no reader votes on, with a mark of this run, so a leftover database can't pass for this one. */
export function sentBy(run: string): Sent {
  return {
    page: `/build-all/round-trip/${run}/`,
    query: `build all round trip ${run}`,
    comment: `Sent by build:all run ${run}.`,
  };
}

/** Posts the vote and the missed search, then runs the feedback endpoint past its limit. */
export async function postThroughWorker(origin: string, sent: Sent): Promise<Check> {
  const post = (path: string, body: string) =>
    fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body });
  const vote = await post(
    '/api/feedback',
    JSON.stringify({ page: sent.page, helpful: false, reason: 'hard_to_follow', comment: sent.comment }),
  );
  const miss = await post('/api/search-misses', JSON.stringify({ query: sent.query }));
  if (vote.status !== 201 || miss.status !== 204) {
    return { ok: false, text: `vote → ${vote.status}, search miss → ${miss.status}: ${await vote.text()}` };
  }

  // The limit is checked before the body is read, so posts with no body count against it without storing
  // anything: the rest of the allowance gets 400s, and the two after it must get 429s from the binding.
  const limit = loadConfig(process.env).feedbackRateLimit;
  if (limit === 0) return { ok: true, text: 'vote 201, search miss 204 (FEEDBACK_RATE_LIMIT=0: no limit to show)' };
  const statuses: number[] = [];
  for (let i = 0; i < limit + 1; i++) statuses.push((await post('/api/feedback', '')).status);
  const over = statuses.slice(limit - 1);
  const refused = over.filter((status) => status === 429).length;
  const quoted = statuses.at(-1) === 429;
  if (statuses.slice(0, limit - 1).some((status) => status !== 400) || refused !== 2 || !quoted) {
    return { ok: false, text: `vote 201, search miss 204; posts past the limit of ${limit}: ${statuses.join(' ')}` };
  }
  return { ok: true, text: `vote 201, search miss 204, posts ${limit + 1} and ${limit + 2} → 429 (binding)` };
}

/**
 * Reads the vote and the missed search back from the persist folder wrangler dev used, with wrangler stopped, through
 * the report code (`KB_D1_STATE=<folder> npm run report -- --json`).
 */
export async function readBack(persistDir: string, sent: Sent): Promise<Check> {
  let stdout = '';
  let stderr = '';
  const code = await runReport(
    ['--json'],
    { KB_D1_STATE: persistDir },
    {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    },
  );
  if (code !== 0) return { ok: false, text: `npm run report on D1 exited ${code}: ${stderr.trim()}` };
  const report = JSON.parse(stdout) as FeedbackReport;
  const page = report.pages.find(({ page }) => page === sent.page);
  const comment = report.comments.find(({ page }) => page === sent.page);
  const miss = report.misses.find(({ query }) => query === sent.query);
  const found = [
    page?.notHelpful === 1 && page.reasons.hard_to_follow === 1 ? 'vote' : undefined,
    comment?.comment === sent.comment ? 'comment' : undefined,
    miss?.count === 1 ? 'search miss' : undefined,
  ].filter(Boolean);
  return found.length === 3
    ? { ok: true, text: 'npm run report read D1 back after wrangler stopped: vote, comment, search miss' }
    : { ok: false, text: `D1 after wrangler stopped holds only: ${found.join(', ') || 'nothing'} of what was sent` };
}
