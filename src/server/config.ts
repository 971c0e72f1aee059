/**
 * Every setting of the server and its scripts, read from one environment object with one schema, once. A bad
 * value stops the start with an error that names the variable and says how to fix it; a live Stripe key is
 * refused here, before any request could move real money, and no error ever quotes a key. This module imports
 * no `node:` module: a Cloudflare Worker reads its bindings through it too (see runtime-env.ts).
 */
import { z } from 'zod';

export type Env = Readonly<Record<string, string | undefined>>;

export type StripeMode = 'emulator' | 'test';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const defaults = {
  demoRateLimit: 20,
  feedbackRateLimit: 10,
  dataDir: './data',
  port: 4321,
  host: 'localhost',
  emulatorPort: 12111,
  emulatorRefundDelayMs: 2000,
} as const;

/** A whole number from 0 to `max`, or the default when unset. */
function count(fallback: number, fix: string, max = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .optional()
    .transform((raw, context) => {
      // An unset variable and an empty one mean the same: the default.
      if (!raw?.trim()) return fallback;
      const value = Number(raw);
      if (/^\s*\d+\s*$/.test(raw) && value <= max) return value;
      context.addIssue({ code: 'custom', message: `${fix} (it is "${raw}")` });
      return z.NEVER;
    });
}

const port = (fallback: number) =>
  count(fallback, `use a port number from 0 to 65535, like ${fallback}; 0 picks a free port`, 65_535);

/**
 * A test key or nothing. The message never includes the value: the variable may hold a live secret key.
 */
const stripeSecretKey = z
  .string()
  .optional()
  .transform((raw, context) => {
    if (raw === undefined || raw === '') return undefined;
    if (/^(sk|rk)_test_\w+$/.test(raw)) return raw;
    context.addIssue({
      code: 'custom',
      message: /^(sk|rk)_live_/.test(raw)
        ? 'this is a live-mode key. The refund demo makes and refunds payments for every visitor, so it only runs ' +
          'with a test key (sk_test_… or rk_test_…). Use a test key, or unset STRIPE_SECRET_KEY to use the built-in emulator'
        : 'this is not a Stripe test secret key. Use a key that starts with sk_test_ or rk_test_, or unset ' +
          'STRIPE_SECRET_KEY to use the built-in emulator',
    });
    return z.NEVER;
  });

const httpUrl = (example: string) =>
  z
    .string()
    .optional()
    .transform((raw, context) => {
      if (!raw?.trim()) return undefined;
      const url = URL.canParse(raw) ? new URL(raw) : undefined;
      if (url && (url.protocol === 'http:' || url.protocol === 'https:')) return url;
      context.addIssue({ code: 'custom', message: `use an http:// or https:// URL like ${example} (it is "${raw}")` });
      return z.NEVER;
    });

/** `url` with its password (if any) replaced, for any message that has to show it. */
export function redactUrlPassword(url: URL): string {
  if (!url.password) return url.href;
  const shown = new URL(url.href);
  shown.password = 'redacted';
  return shown.href.replace(':redacted@', ':[redacted]@');
}

/**
 * A Postgres connection string, or nothing. It holds a password, so an error shows it redacted, or not at all
 * when it can't be parsed.
 */
const databaseUrl = z
  .string()
  .optional()
  .transform((raw, context) => {
    if (!raw?.trim()) return undefined;
    const url = URL.canParse(raw.trim()) ? new URL(raw.trim()) : undefined;
    if (url && (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname) return raw.trim();
    context.addIssue({
      code: 'custom',
      message:
        'use a Postgres connection string, postgres://user:password@host:5432/database (your provider shows it: ' +
        `Neon, Supabase, RDS...)${url?.hostname ? ` (it is "${redactUrlPassword(url)}")` : ', not this value (not shown: it may hold a password)'}`,
    });
    return z.NEVER;
  });

const origins = z
  .string()
  .optional()
  .transform((raw, context) => {
    if (!raw?.trim()) return [];
    const list = raw
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    for (const entry of list) {
      const url = URL.canParse(entry) ? new URL(entry) : undefined;
      const bare = url && url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
      if (!url || !/^https?:$/.test(url.protocol) || !bare) {
        context.addIssue({
          code: 'custom',
          message:
            'list the public origins separated by commas, each a scheme and host without a path, like ' +
            `https://help.example.com,https://www.example.com ("${entry}" is not one)`,
        });
        return z.NEVER;
      }
    }
    return list.map((entry) => new URL(entry).origin);
  });

const trustProxy = z
  .string()
  .optional()
  .transform((raw, context) => {
    const value = raw?.trim().toLowerCase() ?? '';
    if (value === '' || value === 'false') return 0;
    if (value === 'true') return 1;
    if (/^\d+$/.test(value) && Number(value) <= 100) return Number(value);
    context.addIssue({
      code: 'custom',
      message:
        'use the number of proxies in front of the server (1 for one load balancer; "true" means 1), ' +
        `or 0 to ignore forwarded headers (it is "${raw}")`,
    });
    return z.NEVER;
  });

/** The length a team token must have at least: long enough that guessing it is hopeless. */
export const minReportTokenLength = 32;

/**
 * The team's report token, or nothing (the report page then doesn't exist). The message never quotes the value:
 * it is a secret, and a start-up log is not the place for it.
 */
const reportToken = z
  .string()
  .optional()
  .transform((raw, context) => {
    const token = raw?.trim();
    if (!token) return undefined;
    if (token.length >= minReportTokenLength && !/\s/.test(token)) return token;
    context.addIssue({
      code: 'custom',
      message:
        `use a random secret of at least ${minReportTokenLength} characters without spaces (it has ${token.length}), ` +
        'like the output of `openssl rand -base64 33`, or unset REPORT_TOKEN to turn the report page off',
    });
    return z.NEVER;
  });

const schema = z.object({
  /** A Stripe test key (sk_test_…, rk_test_…): the demo talks to Stripe's test mode. Live keys are refused. */
  STRIPE_SECRET_KEY: stripeSecretKey,
  /** A Stripe emulator already running, used when there is no key; otherwise one starts in-process on node. */
  STRIPE_EMULATOR_URL: httpUrl('http://127.0.0.1:12111'),
  /** Demo actions (POSTs) a client may make per minute; reads get four times as many. 0 turns the limit off. */
  DEMO_RATE_LIMIT: count(
    defaults.demoRateLimit,
    'use a whole number of actions per minute, or 0 to turn the limit off',
  ),
  /** Feedback posts (and, apart, search misses) a client may make per minute. 0 turns the limit off. */
  FEEDBACK_RATE_LIMIT: count(
    defaults.feedbackRateLimit,
    'use a whole number of posts per minute, or 0 to turn the limit off',
  ),
  /** Public origins allowed to POST besides the request's own, for a proxy that rewrites Host. */
  DEMO_ALLOWED_ORIGINS: origins,
  /** How many proxies in front of the server may name the client in Forwarded / X-Forwarded-For. */
  TRUST_PROXY: trustProxy,
  /** The folder of feedback.sqlite (node only). */
  KB_DATA_DIR: z.string().optional(),
  /** A Postgres database for feedback, search counts and shared rate limits; needed on Netlify and Vercel. */
  DATABASE_URL: databaseUrl,
  /** The port `npm start` listens on. */
  PORT: port(defaults.port),
  /** The interface `npm start` listens on. */
  HOST: z.string().optional(),
  /** The port `npm run emulator` listens on. */
  EMULATOR_PORT: port(defaults.emulatorPort),
  /** How long the emulator's pending and failing test refunds take to change status. */
  EMULATOR_REFUND_DELAY_MS: count(defaults.emulatorRefundDelayMs, 'use a whole number of milliseconds, like 2000'),
  /** The public origin, for canonical links, the sitemap and the feed (read by astro.config.mjs at build time). */
  SITE_URL: httpUrl('https://help.example.com'),
  /** The team's secret for the report page at /team/report/; unset, the page answers 404. */
  REPORT_TOKEN: reportToken,
});

export interface Config {
  /** `emulator`: the Stripe emulator, offline; `test`: Stripe's test mode with `stripeSecretKey`. */
  mode: StripeMode;
  stripeSecretKey: string | undefined;
  /** An emulator already running elsewhere; without it (and without a key) one starts in-process. */
  emulatorUrl: URL | undefined;
  /** Demo actions a client may make per minute; 0: no limit. */
  demoRateLimit: number;
  /** Posts per minute per client, for each feedback endpoint; 0: no limit. */
  feedbackRateLimit: number;
  /** Origins (`https://help.example.com`) allowed to POST besides the request's own. */
  allowedOrigins: readonly string[];
  /** Proxies whose forwarded headers name the client; 0: the connection's address is the client. */
  trustProxy: number;
  /** Absolute where the platform has a working directory. */
  dataDir: string;
  /** Postgres for feedback and shared rate limits (DATABASE_URL); never log it: it holds a password. */
  databaseUrl: string | undefined;
  port: number;
  host: string;
  emulatorPort: number;
  emulatorRefundDelayMs: number;
  siteUrl: URL | undefined;
  /** The secret that opens /team/report/; undefined: the page doesn't exist. */
  reportToken: string | undefined;
}

const parsed = new WeakMap<Env, Config>();

/** The settings in `env`, parsed once per environment object; throws a `ConfigError` naming every bad variable. */
export function loadConfig(env: Env): Config {
  const known = parsed.get(env);
  if (known) return known;
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);
    throw new ConfigError(lines.join('\n'));
  }
  const settings = result.data;
  const config: Config = {
    mode: settings.STRIPE_SECRET_KEY ? 'test' : 'emulator',
    stripeSecretKey: settings.STRIPE_SECRET_KEY,
    emulatorUrl: settings.STRIPE_EMULATOR_URL,
    demoRateLimit: settings.DEMO_RATE_LIMIT,
    feedbackRateLimit: settings.FEEDBACK_RATE_LIMIT,
    allowedOrigins: settings.DEMO_ALLOWED_ORIGINS,
    trustProxy: settings.TRUST_PROXY,
    dataDir: absolute(settings.KB_DATA_DIR?.trim() || defaults.dataDir),
    databaseUrl: settings.DATABASE_URL,
    port: settings.PORT,
    host: settings.HOST?.trim() || defaults.host,
    emulatorPort: settings.EMULATOR_PORT,
    emulatorRefundDelayMs: settings.EMULATOR_REFUND_DELAY_MS,
    siteUrl: settings.SITE_URL,
    reportToken: settings.REPORT_TOKEN,
  };
  parsed.set(env, config);
  return config;
}

/**
 * Resolved against the working directory where there is one. node:path is loaded on use, not imported, so that a
 * Cloudflare Worker's bundle (no Node, and no feedback file: its store is in memory) has no Node import.
 */
function absolute(dir: string): string {
  const path = globalThis.process?.getBuiltinModule?.('node:path') as typeof import('node:path') | undefined;
  return path ? path.resolve(dir) : dir;
}

/**
 * SITE_URL alone, checked by the same rule, for astro.config.mjs: the build needs the public origin and none of
 * the server's settings, so a build is not refused over a setting only the server reads.
 */
export function siteUrlFrom(env: Env): string | undefined {
  const result = schema.pick({ SITE_URL: true }).safeParse(env);
  if (!result.success) throw new ConfigError(`SITE_URL: ${result.error.issues[0]?.message ?? 'not a URL'}`);
  return result.data.SITE_URL ? env.SITE_URL?.trim() : undefined;
}
