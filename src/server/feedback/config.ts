/**
 * The feedback backend's settings from the environment: where the SQLite file lives (KB_DATA_DIR, `./data` by
 * default, which git ignores) and how many posts a client may make per minute (FEEDBACK_RATE_LIMIT, 10 by
 * default, 0 for no limit).
 */
import type { Env } from '../demo/config.ts';

export interface FeedbackConfig {
  /** An absolute path, resolved against the working directory. */
  dataDir: string;
  /** Posts per minute per client, for each endpoint; 0 turns the limit off. */
  rateLimit: number;
}

export class FeedbackConfigError extends Error {
  override name = 'FeedbackConfigError';
}

export const defaultDataDir = './data';
export const defaultRateLimit = 10;

export function loadFeedbackConfig(env: Env): FeedbackConfig {
  return { dataDir: absolute(env.KB_DATA_DIR || defaultDataDir), rateLimit: rateLimitOf(env.FEEDBACK_RATE_LIMIT) };
}

/**
 * Resolved against the working directory where there is one. node:path is loaded on use, not imported, so that a
 * Cloudflare Worker's bundle (no Node, and no feedback file: its store is in memory) has no Node import.
 */
function absolute(dir: string): string {
  const path = globalThis.process?.getBuiltinModule?.('node:path') as typeof import('node:path') | undefined;
  return path ? path.resolve(dir) : dir;
}

function rateLimitOf(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return defaultRateLimit;
  const value = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(value)) {
    throw new FeedbackConfigError(`FEEDBACK_RATE_LIMIT must be a whole number of posts per minute (0 turns it off), not "${raw}".`);
  }
  return value;
}
