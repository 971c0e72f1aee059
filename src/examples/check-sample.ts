/**
 * One sample from start to verdict: the version pin and client it must show, fresh fixtures for its
 * placeholders, the run itself, then its responses: every request must succeed, except the last when the sample
 * shows an error on purpose, and the JSON excerpt shown with it must match.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareExcerpt, type ApiResponse } from './compare.ts';
import { makeFixtures, recipeFor, unavailable, type FixtureTarget } from './fixtures.ts';
import { placeholderIds, substitute } from './placeholders.ts';
import type { Sample } from './plan.ts';
import { runCurl } from './run-curl.ts';
import { runNode } from './run-node.ts';

export interface Target extends FixtureTarget {
  apiKey: string;
  apiVersion: string;
  /** The emulator's origin; undefined against Stripe. */
  emulatorUrl?: string;
  realCurl: string;
}

export type Verdict = { kind: 'passed' } | { kind: 'failed'; why: string[] } | { kind: 'skipped'; why: string };

export async function checkSample(sample: Sample, target: Target): Promise<Verdict> {
  const code = sample.fence.code;
  const lint = sample.runner === 'curl' ? lintCurl(code, target.apiVersion) : lintNode(code, target.apiVersion);
  if (lint.length > 0) return { kind: 'failed', why: lint };

  let recipes: Record<string, string>;
  try {
    recipes = Object.fromEntries(placeholderIds(code).map((id) => [id, recipeFor(id, sample.marker.fixtures)]));
  } catch (error) {
    return { kind: 'failed', why: [(error as Error).message] };
  }
  for (const name of [...Object.values(recipes), ...sample.marker.given]) {
    const why = unavailable(name, target);
    if (why) return why.startsWith('no fixture') ? { kind: 'failed', why: [why] } : { kind: 'skipped', why };
  }

  let ids: Map<string, string>;
  try {
    ids = await makeFixtures(target, recipes, sample.marker.given);
  } catch (error) {
    return { kind: 'failed', why: [`making its fixtures failed: ${(error as Error).message}`] };
  }
  const runId = randomUUID();
  const runnable = substitute(code, {
    ids,
    apiKey: target.apiKey,
    runId,
    ...(target.emulatorUrl !== undefined && { origin: target.emulatorUrl }),
  });
  const dir = await mkdtemp(join(tmpdir(), 'kb-example-'));
  try {
    const result =
      sample.runner === 'curl'
        ? await runCurl(runnable, dir, target.realCurl)
        : await runNode(runnable, dir, {
            apiKey: target.apiKey,
            ...(target.emulatorUrl !== undefined && { emulatorUrl: target.emulatorUrl }),
          });
    const why: string[] = [];
    if (result.exitCode !== 0) why.push(`exited with ${result.exitCode ?? 'a signal'}: ${tail(result.output)}`);
    why.push(...judge(result.responses, sample, /\bstripe\.\w+\.\w+\(/.test(code) || sample.runner === 'curl'));
    if (sample.excerpt && result.responses.length > 0) {
      const mismatches = compareExcerpt(sample.excerpt.value, result.responses, {
        ids,
        ...(sample.excerpt.shape !== undefined && { shape: true }),
      });
      why.push(...mismatches.map((problem) => `excerpt (block ${sample.excerpt?.fence.index}): ${problem}`));
    }
    return why.length === 0 ? { kind: 'passed' } : { kind: 'failed', why };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function judge(responses: readonly ApiResponse[], sample: Sample, callsStripe: boolean): string[] {
  if (responses.length === 0) return callsStripe ? ['made no request to the API'] : [];
  const excerpt = sample.excerpt?.value;
  const showsError = typeof excerpt === 'object' && excerpt !== null && 'error' in excerpt;
  const expectError = sample.marker.expectError || showsError;
  const problems: string[] = [];
  responses.forEach((response, i) => {
    const last = i === responses.length - 1;
    const failed = response.status >= 400 || response.status === 0;
    if (failed && !(last && expectError))
      problems.push(`request ${i + 1} failed with ${response.status}: ${errorText(response.body)}`);
    if (!failed && last && expectError)
      problems.push(`its last request was meant to fail (the sample shows an error) but answered ${response.status}`);
  });
  return problems;
}

/** Every curl command must pin the API version the samples are written for. */
export function lintCurl(code: string, apiVersion: string): string[] {
  const commands = code
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => /^\s*curl\s/.test(line));
  const unpinned = commands.filter((command) => !command.includes(`Stripe-Version: ${apiVersion}`));
  return unpinned.length === 0 ? [] : [`${unpinned.length} curl command(s) without -H "Stripe-Version: ${apiVersion}"`];
}

/** A Node sample stands on its own: it imports the SDK, creates its client and pins the API version. */
export function lintNode(code: string, apiVersion: string): string[] {
  if (!/\bstripe\./.test(code) && !code.includes('new Stripe(')) return [];
  const problems: string[] = [];
  if (!/^import Stripe from 'stripe';/m.test(code)) problems.push("it doesn't import Stripe from 'stripe'");
  if (!code.includes('new Stripe(') || !code.includes('process.env.STRIPE_SECRET_KEY')) {
    problems.push("it doesn't create its client with new Stripe(process.env.STRIPE_SECRET_KEY, …)");
  }
  if (!code.includes(`apiVersion: '${apiVersion}'`))
    problems.push(`it doesn't pass { apiVersion: '${apiVersion}' } to new Stripe()`);
  return problems;
}

function errorText(body: unknown): string {
  const error =
    typeof body === 'object' && body !== null && 'error' in body
      ? (body as { error: { message?: string } }).error
      : undefined;
  return error?.message ?? JSON.stringify(body)?.slice(0, 200) ?? 'no body';
}

function tail(output: string): string {
  const lines = output.trim().split('\n');
  return lines.slice(-6).join('\n    ');
}
