/**
 * The rate limits of a Cloudflare build. Cloudflare's rate-limit binding takes its limit from the deployed config,
 * not from a variable the Worker reads, so the build writes it: after the adapter has written
 * dist/server/wrangler.json (wrangler.jsonc merged into its own settings), each `ratelimits` entry gets the limit
 * FEEDBACK_RATE_LIMIT or DEMO_RATE_LIMIT gives when the build runs (the defaults when unset), and a binding whose
 * variable is 0 is dropped. The same two numbers go into the config's `vars`, so the Worker quotes the limit the
 * binding applies: on Cloudflare, change them by building again, not in the dashboard.
 */
import type { AstroIntegration } from 'astro';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rateLimitBindings, rateLimitPeriodSeconds } from '../server/cloudflare/binding-names.ts';
import { loadConfig, type Env } from '../server/config.ts';

/** One `ratelimits` entry of a wrangler config. */
export interface RateLimitEntry {
  name: string;
  namespace_id: string;
  simple: { limit: number; period: number };
}

interface WranglerConfig {
  ratelimits?: RateLimitEntry[];
  vars?: Record<string, unknown>;
}

/** `config` with its rate limits sized from `env`; throws a ConfigError on a malformed setting. */
export function withRateLimits<T extends WranglerConfig>(config: T, env: Env): T {
  // Only these two settings: the build has no business failing on the server's other ones.
  const settings = { FEEDBACK_RATE_LIMIT: env.FEEDBACK_RATE_LIMIT, DEMO_RATE_LIMIT: env.DEMO_RATE_LIMIT };
  const { feedbackRateLimit, demoRateLimit } = loadConfig(settings);
  const values: Record<string, number> = { FEEDBACK_RATE_LIMIT: feedbackRateLimit, DEMO_RATE_LIMIT: demoRateLimit };
  const ratelimits = (config.ratelimits ?? []).flatMap((entry): RateLimitEntry[] => {
    const known = Object.values(rateLimitBindings).find(({ name }) => name === entry.name);
    if (!known) return [entry];
    const limit = (values[known.setting] ?? 0) * known.perSetting;
    return limit > 0 ? [{ ...entry, simple: { limit, period: rateLimitPeriodSeconds } }] : [];
  });
  const vars = { ...config.vars, ...Object.fromEntries(Object.entries(values).map(([name, n]) => [name, String(n)])) };
  return { ...config, ratelimits, vars };
}

export function cloudflareBindings(env: Env = process.env): AstroIntegration {
  let serverDir: URL;
  return {
    name: 'help-center:cloudflare-bindings',
    hooks: {
      'astro:config:done': ({ config }) => {
        serverDir = config.build.server;
      },
      'astro:build:done': ({ logger }) => {
        const file = fileURLToPath(new URL('wrangler.json', serverDir));
        const config = withRateLimits(JSON.parse(readFileSync(file, 'utf8')) as WranglerConfig, env);
        writeFileSync(file, JSON.stringify(config));
        const limits = (config.ratelimits ?? []).map(({ name, simple }) => `${name} ${simple.limit}/${simple.period}s`);
        logger.info(`Rate-limit bindings: ${limits.join(', ') || 'none (the limits are off)'}.`);
      },
    },
  };
}
