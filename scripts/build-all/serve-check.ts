/**
 * A local run that serves the build over HTTP (node with `npm start`'s server, Cloudflare in `wrangler dev`): once
 * it answers, the demo's request, then what the platform serves itself: the home page with its CSP, the search
 * index, a redirect.
 */
import type { ChildProcess } from 'node:child_process';
import { readRedirectList } from '../../src/integrations/redirects.ts';
import { demoCheck, demoRequests } from './demo.ts';
import { lastLines } from './files.ts';
import { RUN_TIMEOUT_MS } from './paths.ts';
import { captureOutput, stop, waitFor } from './processes.ts';
import type { Check } from './types.ts';

export async function serveAndCheck(
  child: ChildProcess,
  origin: string,
  label: string,
  staticDir: string,
): Promise<Check> {
  const output = captureOutput(child);
  try {
    const ready = await waitFor(
      async () => (await fetch(`${origin}/api/demo/status`, { signal: AbortSignal.timeout(2000) })).ok,
      RUN_TIMEOUT_MS,
      child,
    );
    if (!ready)
      return {
        ok: false,
        text: `${label} did not answer within ${RUN_TIMEOUT_MS / 1000} s: ${lastLines(output(), 8)}`,
      };
    const check = demoCheck(await demoRequests(origin), label);
    if (!check.ok) return check;
    const extras: string[] = [];
    const home = await fetch(`${origin}/`);
    const csp = home.headers.get('content-security-policy');
    if (!home.ok || !csp) extras.push(`/ → ${home.status}, CSP ${csp ? '✓' : '✗'}`);
    const search = await fetch(`${origin}/pagefind/pagefind.js`);
    if (!search.ok) extras.push(`/pagefind/pagefind.js → ${search.status}`);
    const [redirect] = readRedirectList(staticDir);
    if (redirect) {
      const response = await fetch(`${origin}${redirect.from}`, { redirect: 'manual' });
      if (response.status !== 301 || response.headers.get('location') !== redirect.to) {
        extras.push(`${redirect.from} → ${response.status} ${response.headers.get('location') ?? ''}`);
      }
    }
    return extras.length
      ? { ok: false, text: `${check.text}; ${extras.join('; ')}` }
      : { ok: true, text: `${check.text}; /, pagefind, 301, CSP ✓` };
  } finally {
    await stop(child);
  }
}

/** The environment of a local run: the emulator to use, a data folder of its own, and never a real key. */
export function runEnv(emulatorUrl: string, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, STRIPE_EMULATOR_URL: emulatorUrl, KB_DATA_DIR: dataDir };
  delete env.STRIPE_SECRET_KEY;
  // Nor a database of the developer's: the Netlify and Vercel runs bring their own (feedback-round-trip.ts).
  delete env.DATABASE_URL;
  return env;
}
