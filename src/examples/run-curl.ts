/**
 * Runs a bash sample with the real `curl`. A `curl` placed first on the PATH calls the real one with two extra
 * options, `--dump-header` and `--output` into numbered files, so every request's status and body are kept
 * whatever the sample prints; the sample's own options (`-i`, `-G`, `-d`) are untouched.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiResponse } from './compare.ts';

export interface RunResult {
  exitCode: number | null;
  output: string;
  responses: ApiResponse[];
}

export async function runCurl(
  code: string,
  dir: string,
  realCurl: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  const bin = join(dir, 'bin');
  const out = join(dir, 'responses');
  await mkdir(bin, { recursive: true });
  await mkdir(out, { recursive: true });
  const wrapper = join(bin, 'curl');
  await writeFile(
    wrapper,
    [
      '#!/bin/sh',
      'n=$(( $(cat "$EXAMPLES_OUT/count" 2>/dev/null || echo 0) + 1 ))',
      'echo "$n" > "$EXAMPLES_OUT/count"',
      `exec "${realCurl}" --silent --show-error --max-time 60 --dump-header "$EXAMPLES_OUT/$n.headers" --output "$EXAMPLES_OUT/$n.body" "$@"`,
      '',
    ].join('\n'),
  );
  await chmod(wrapper, 0o755);
  const script = join(dir, 'sample.sh');
  await writeFile(script, `set -e\n${code}\n`);
  const { exitCode, output } = await run('bash', [script], {
    ...process.env,
    ...env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    EXAMPLES_OUT: out,
  });
  return { exitCode, output, responses: await readResponses(out) };
}

async function readResponses(out: string): Promise<ApiResponse[]> {
  const files = await readdir(out);
  const count = files.filter((name) => name.endsWith('.headers')).length;
  const responses: ApiResponse[] = [];
  for (let n = 1; n <= count; n++) {
    const headers = await readFile(join(out, `${n}.headers`), 'utf8');
    const raw = await readFile(join(out, `${n}.body`), 'utf8').catch(() => '');
    responses.push({ status: lastStatus(headers), body: parseBody(raw) });
  }
  return responses;
}

function lastStatus(headers: string): number {
  const statuses = Array.from(headers.matchAll(/^HTTP\/[\d.]+ (\d{3})/gm), (match) => Number(match[1]));
  return statuses.at(-1) ?? 0;
}

/** With `-i` the headers are in the body too: the JSON starts after the blank line. */
function parseBody(raw: string): unknown {
  const text = raw.startsWith('HTTP/') ? raw.slice(raw.search(/\r?\n\r?\n/) + 1).trim() : raw;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ exitCode, output }));
  });
}
