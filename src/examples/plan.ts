/**
 * Decides what happens to each fence of a file: a curl or Node sample to run, a JSON excerpt to check against
 * a sample's response, a block marked as not runnable offline, or a mistake (an unmarked block the runner
 * can't run). An excerpt belongs to the sample right before it (when a curl and a Node sample of the same request
 * come first, to the Node one); an excerpt with no sample since the previous excerpt, like an error shown first and
 * explained after, belongs to the samples that follow it.
 */
import type { Fence } from './extract.ts';
import { parseMarker, type Marker } from './marker.ts';

export type Runner = 'curl' | 'node';

export interface Sample {
  fence: Fence;
  runner: Runner;
  marker: Marker;
  excerpt?: Excerpt;
}

export interface Excerpt {
  fence: Fence;
  value: unknown;
  /** Set when numbers are compared by type only. */
  shape?: string;
}

export interface Plan {
  samples: Sample[];
  skipped: { fence: Fence; reason: string }[];
  problems: { fence: Fence; problem: string }[];
}

const shells = new Set(['bash', 'sh', 'shell', 'console']);
const scripts = new Set(['js', 'javascript', 'mjs']);

export function planFile(fences: readonly Fence[]): Plan {
  const plan: Plan = { samples: [], skipped: [], problems: [] };
  let sinceExcerpt: Sample[] = [];
  let waiting: Excerpt | undefined;

  for (const fence of fences) {
    let marker: Marker;
    try {
      marker = parseMarker(fence.marker);
    } catch (error) {
      plan.problems.push({ fence, problem: (error as Error).message });
      continue;
    }
    if (fence.lang === 'json') {
      const excerpt = readExcerpt(fence, marker, plan);
      if (!excerpt) continue;
      const previous = sinceExcerpt.at(-1);
      if (previous) previous.excerpt ??= excerpt;
      waiting = previous ? undefined : excerpt;
      sinceExcerpt = [];
      continue;
    }
    if (marker.skip !== undefined) {
      plan.skipped.push({ fence, reason: marker.skip });
      continue;
    }
    const runner = runnerFor(fence);
    if (typeof runner !== 'string') {
      plan.problems.push({ fence, problem: runner.problem });
      continue;
    }
    const sample: Sample = { fence, runner, marker, ...(waiting && { excerpt: waiting }) };
    plan.samples.push(sample);
    sinceExcerpt.push(sample);
  }
  return plan;
}

function runnerFor(fence: Fence): Runner | { problem: string } {
  if (scripts.has(fence.lang)) return 'node';
  if (shells.has(fence.lang)) {
    if (/(^|[\s;(|&])curl\s/.test(fence.code)) return 'curl';
    return { problem: 'a shell block without curl can\'t be run: mark it example="skip: <why>"' };
  }
  const lang = fence.lang === '' ? 'a fence without a language' : `a ${fence.lang} block`;
  return {
    problem: `${lang} can't be run: give it a language the runner knows (bash with curl, js) or mark it example="skip: <why>"`,
  };
}

function readExcerpt(fence: Fence, marker: Marker, plan: Plan): Excerpt | undefined {
  if (marker.skip !== undefined) {
    plan.skipped.push({ fence, reason: marker.skip });
    return undefined;
  }
  try {
    return { fence, value: JSON.parse(fence.code), ...(marker.shape !== undefined && { shape: marker.shape }) };
  } catch (error) {
    plan.problems.push({ fence, problem: `the JSON excerpt doesn't parse: ${(error as Error).message}` });
    return undefined;
  }
}
