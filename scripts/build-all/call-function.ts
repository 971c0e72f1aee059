/**
 * Netlify's and Vercel's functions have no local runtime here (their CLIs are not dependencies), so the bundled
 * function is imported in a Node process of its own and called with a Web Request, as their Node runtimes call it.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { demoRequests, type DemoResult } from './demo.ts';
import { lastLines } from './files.ts';
import { RUN_TIMEOUT_MS } from './paths.ts';

/**
 * `call` is the text of a function `(request) => Promise<Response>` that calls the module imported as `mod` the
 * way the platform does, including how it gives the client's address.
 */
export function callFunction(entry: string, call: string, cwd: string, env: NodeJS.ProcessEnv): DemoResult {
  const script = `
    const mod = await import(${JSON.stringify(pathToFileURL(entry).href)});
    const call = ${call};
    ${demoRequests.toString()}
    const result = await demoRequests('https://help.example', call);
    process.stdout.write(JSON.stringify(result));
    process.exit(0);
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: RUN_TIMEOUT_MS,
  });
  if (child.status !== 0)
    throw new Error(
      `the function did not run (${child.error?.message ?? `exit ${child.status}`}): ${lastLines(child.stderr, 6)}`,
    );
  return JSON.parse(child.stdout) as DemoResult;
}
