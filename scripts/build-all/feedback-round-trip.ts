/**
 * Netlify's and Vercel's feedback round trip: does a vote outlive the function instance that took it? Without
 * DATABASE_URL the bundled function must refuse (503) rather than keep votes in its memory. With it: a real
 * Postgres engine (PGlite over the wire protocol, src/server/postgres/test-server.ts) is started and migrated by
 * `npm run migrate`'s code; the bundled function, imported in a Node process of its own, takes a vote and a search
 * miss; then `npm run report -- --json` reads them back in another process, as a new instance would.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { runMigrate } from '../../src/server/feedback/migrate-command.ts';
import { startTestPostgres } from '../../src/server/postgres/test-server.ts';
import { lastLines } from './files.ts';
import { ROOT, RUN_TIMEOUT_MS } from './paths.ts';
import type { Check } from './types.ts';

const run = promisify(execFile);

/** What the round trip posts: a page and a query no other step writes, so reading them back proves the trip. */
const vote = { page: '/build-all/round-trip/', helpful: false, reason: 'missing_information' };
const miss = 'build all round trip';

/**
 * Posts the vote and the miss through `call` (the platform's way of calling its function). Self-contained, as it
 * is sent to the function's process as text.
 */
async function feedbackRequests(
  origin: string,
  call: (request: Request) => Promise<Response>,
  posts: { vote: unknown; miss: string },
): Promise<string[]> {
  const post = async (pathname: string, body: unknown) => {
    const response = await call(
      new Request(`${origin}${pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify(body),
      }),
    );
    return `POST ${pathname} ${response.status}${response.status >= 400 ? ` ${await response.text()}` : ''}`;
  };
  return [await post('/api/feedback', posts.vote), await post('/api/search-misses', { query: posts.miss })];
}

/**
 * `call` is the text of a function `(request) => Promise<Response>` calling the module imported as `mod`, as in
 * call-function.ts. Processes run asynchronously here: the database answers from this process.
 */
export async function feedbackRoundTrip(
  entry: string,
  call: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<Check> {
  const postgres = await startTestPostgres({ migrate: false });
  const label = `feedback in ${postgres.engine}`;
  try {
    const migrateOutput: string[] = [];
    const io = {
      stdout: (text: string) => migrateOutput.push(text),
      stderr: (text: string) => migrateOutput.push(text),
    };
    if ((await runMigrate({ DATABASE_URL: postgres.url }, io)) !== 0)
      return { ok: false, text: `${label}: npm run migrate failed: ${migrateOutput.join(' ')}` };
    const withDatabase = { ...env, DATABASE_URL: postgres.url };

    const script = `
      const mod = await import(${JSON.stringify(pathToFileURL(entry).href)});
      const call = ${call};
      ${feedbackRequests.toString()}
      const lines = await feedbackRequests('https://help.example', call, ${JSON.stringify({ vote, miss })});
      process.stdout.write(JSON.stringify(lines));
      process.exit(0);
    `;
    const post = async (env: NodeJS.ProcessEnv) => {
      const posted = await run(process.execPath, ['--input-type=module', '-e', script], {
        cwd,
        env,
        timeout: RUN_TIMEOUT_MS,
      }).catch((error: { stderr?: string; message: string }) => {
        throw new Error(`the function did not run: ${lastLines(error.stderr ?? error.message, 6)}`);
      });
      return JSON.parse(posted.stdout) as string[];
    };
    // Without a database the function must refuse rather than keep the vote in one instance's memory.
    const withoutDatabase = { ...env };
    delete withoutDatabase.DATABASE_URL;
    const refused = await post(withoutDatabase);
    if (!refused.every((line) => line.includes(' 503 ') && line.includes('DATABASE_URL')))
      return { ok: false, text: `${label}: without DATABASE_URL: ${refused.join(', ').slice(0, 240)}` };
    const lines = await post(withDatabase);
    if (!lines[0]?.endsWith(' 201') || !lines[1]?.endsWith(' 204'))
      return { ok: false, text: `${label}: ${lines.join(', ').slice(0, 240)}` };

    const reported = await run(process.execPath, [path.join(ROOT, 'scripts', 'report.ts'), '--json'], {
      cwd: ROOT,
      env: withDatabase,
      timeout: RUN_TIMEOUT_MS,
    });
    const report = JSON.parse(reported.stdout) as {
      pages: { page: string; notHelpful: number; reasons: Record<string, number> }[];
      misses: { query: string; count: number }[];
    };
    const page = report.pages.find((entry) => entry.page === vote.page);
    const counted = report.misses.find((entry) => entry.query === miss);
    const ok = page?.notHelpful === 1 && page.reasons.missing_information === 1 && counted?.count === 1;
    return {
      ok,
      text:
        `${label}: without DATABASE_URL both answer 503; migrated (${migrateOutput.join(' ').match(/applied \d+ migrations?/)?.[0] ?? 'nothing applied'}), ` +
        `${lines.join(', ')}; npm run report in a new process: ` +
        (ok ? `1 "no" on ${vote.page}, 1 miss "${miss}"` : `not found (${reported.stdout.slice(0, 200)})`),
    };
  } catch (error) {
    return { ok: false, text: `${label}: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await postgres.stop();
  }
}
