/**
 * Runs a Node sample as an ES module in its own process, with the resolve hook that hands it the recording
 * `stripe` shim. The sample reads its key from `STRIPE_SECRET_KEY`, as it tells readers to.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiResponse } from './compare.ts';
import { run, type RunResult } from './run-curl.ts';

const hooks = fileURLToPath(new URL('./register-hooks.ts', import.meta.url));

export async function runNode(
  code: string,
  dir: string,
  env: { apiKey: string; emulatorUrl?: string },
): Promise<RunResult> {
  const sample = join(dir, 'sample.mjs');
  const responses = join(dir, 'responses.jsonl');
  await writeFile(sample, code);
  await writeFile(responses, '');
  const { exitCode, output } = await run(process.execPath, ['--import', hooks, sample], {
    ...process.env,
    STRIPE_SECRET_KEY: env.apiKey,
    EXAMPLES_RESPONSES: responses,
    ...(env.emulatorUrl !== undefined && { EXAMPLES_EMULATOR_URL: env.emulatorUrl }),
  });
  const lines = (await readFile(responses, 'utf8')).split('\n').filter(Boolean);
  return { exitCode, output, responses: lines.map((line) => JSON.parse(line) as ApiResponse) };
}
