/**
 * The feedback backend as a plain `Request → Response` function, like the refund demo's: `POST /api/feedback`
 * records whether a page helped, `POST /api/search-misses` counts a search that found nothing,
 * `POST /api/search-clicks` counts a search result a reader opened. Checks run
 * cheapest first (route, method, origin, rate limit, body, fields); every refusal is a 4xx in the demo's error
 * shape, `{ error: { code, message, param? } }`, and only a failing store gives a 5xx.
 */
import { defaults, loadConfig, type Env } from '../config.ts';
import { readJsonBody } from '../http/body.ts';
import { HttpError } from '../http/error.ts';
import { json, noStoreHeaders } from '../http/json-response.ts';
import { isCrossOrigin } from '../http/origin.ts';
import { parseBody } from '../http/parse-body.ts';
import { allowanceOf, createMemoryRateLimiter, type RateLimiter } from '../http/rate-limit.ts';
import { serve, type Serve } from '../http/serve.ts';
import { windowLimiter } from '../http/window-limiter.ts';
import { deployTarget, isWorker } from '../target.ts';
import { scrubPersonalData } from './scrub.ts';
import { createMemoryStore } from './memory-store.ts';
import { dayOf, type FeedbackEntry, type FeedbackStore } from './store.ts';
import { feedbackBody, searchClickBody, searchMissBody } from './validation.ts';

export interface FeedbackHandlerOptions {
  store: FeedbackStore;
  /**
   * Per-client limit, shared by both endpoints but counted apart for each. Left out: 10 posts a minute in this
   * process's memory; `null`: no limit. Pass a shared limiter when several instances serve the site.
   */
  limiter?: RateLimiter | null;
  /** Public origins allowed to POST besides the request's own, for a proxy that rewrites the request URL. */
  allowedOrigins?: readonly string[];
  /** Proxies whose forwarded headers name the client (TRUST_PROXY); none by default. */
  trustProxy?: number;
  /** Where a failing store is reported: one line, never what the reader sent. */
  log?: (line: string) => void;
  /** The clock, for the day an answer is filed under. */
  now?: () => Date;
}

export interface FeedbackHandler extends Serve {
  /** The store answers are written to, which the team's report page reads. */
  store: FeedbackStore;
  /** Closes the store. */
  close(): Promise<void>;
}

interface Route {
  pattern: RegExp;
  /** Told apart in the rate limiter, so each endpoint has its own allowance. */
  name: string;
  /** What a client sending too many is told, before the limit and "Wait N seconds and try again." */
  tooMany: string;
  handle(request: Request, store: FeedbackStore, day: string): Promise<Response>;
}

const routes: readonly Route[] = [
  {
    pattern: /^\/api\/feedback\/?$/,
    name: 'feedback',
    tooMany: "You've sent a lot of feedback in the last minute.",
    async handle(request, store, day) {
      const input = parseBody(feedbackBody, await readJsonBody(request, undefined, feedbackBody.example));
      // No personal data is stored: a comment (and, to be safe, the page) loses anything that looks like an email
      // address, a card number or a Stripe key, replaced with "[removed]" (see scrub.ts); the day is the only time
      // kept, and nothing about the sender (IP address, client id, user agent) reaches the store.
      const entry: FeedbackEntry = { page: scrubPersonalData(input.page), helpful: input.helpful, day };
      if (input.reason !== undefined) entry.reason = input.reason;
      if (input.comment !== undefined) entry.comment = scrubPersonalData(input.comment);
      await store.addFeedback(entry);
      return json(201, { ok: true });
    },
  },
  {
    pattern: /^\/api\/search-misses\/?$/,
    name: 'search-misses',
    tooMany: "You've reported a lot of searches in the last minute.",
    async handle(request, store, day) {
      const { query } = parseBody(searchMissBody, await readJsonBody(request, undefined, searchMissBody.example));
      // Only the normalised query and a count per day are kept, never who searched; a query loses personal
      // data the same way a comment does.
      await store.addSearchMiss(scrubPersonalData(query), day);
      return new Response(null, { status: 204, headers: noStoreHeaders });
    },
  },
  {
    pattern: /^\/api\/search-clicks\/?$/,
    name: 'search-clicks',
    tooMany: "You've reported a lot of opened search results in the last minute.",
    async handle(request, store, day) {
      const { query, page } = parseBody(
        searchClickBody,
        await readJsonBody(request, undefined, searchClickBody.example),
      );
      // Which result a search led to, counted per query, page and day: the words and the path only, scrubbed as
      // a missed search is, never who opened it or when within the day.
      await store.addSearchClick(scrubPersonalData(query), scrubPersonalData(page), day);
      return new Response(null, { status: 204, headers: noStoreHeaders });
    },
  },
];

export function createFeedbackHandler(options: FeedbackHandlerOptions): FeedbackHandler {
  const { store, allowedOrigins, now = () => new Date() } = options;
  const limiter =
    options.limiter === undefined
      ? createMemoryRateLimiter({ limit: defaults.feedbackRateLimit, windowMs: 60_000 })
      : options.limiter;

  async function handle(request: Request, clientId: string): Promise<Response> {
    const { pathname } = new URL(request.url);
    const route = routes.find(({ pattern }) => pattern.test(pathname));
    if (!route)
      throw new HttpError(
        404,
        'not_found',
        `There's no feedback endpoint at ${pathname}. Check the address for a typo.`,
      );
    if (request.method !== 'POST') {
      throw new HttpError(405, 'method_not_allowed', `${request.method} isn't supported at ${pathname}. Use POST.`, {
        allow: 'POST',
      });
    }
    if (isCrossOrigin(request, allowedOrigins)) {
      throw new HttpError(
        403,
        'cross_origin',
        'This request came from another website, so it was refused. Feedback is only taken from the help center’s own pages.',
      );
    }
    const decision = await limiter?.take(`${route.name}\n${clientId}`);
    if (decision && !decision.allowed) {
      // The allowance is the refusing limiter's own, so a shared limiter's is quoted rather than the default's.
      const allowance = allowanceOf(decision, 'posts');
      const limit = allowance ? ` The limit is ${allowance}.` : '';
      throw new HttpError(
        429,
        'rate_limited',
        `${route.tooMany}${limit} Wait ${decision.retryAfter} seconds and try again.`,
        {
          retryAfter: decision.retryAfter,
        },
      );
    }
    return route.handle(request, store, dayOf(now()));
  }

  const handler = serve(handle, {
    name: 'feedback',
    log: options.log ?? ((line: string) => console.error(line)),
    trustProxy: options.trustProxy ?? 0,
  });
  return Object.assign(handler, { store, close: async () => store.close() });
}

/**
 * The handler with the settings from `env` (DATABASE_URL, KB_DATA_DIR, FEEDBACK_RATE_LIMIT, DEMO_ALLOWED_ORIGINS,
 * TRUST_PROXY). The settings are checked now, so a bad one fails at start with a `ConfigError`; the database is
 * opened on the first request, so building the site never creates or reaches one.
 *
 * The store and the limiter follow the settings and the deployment target (src/server/target.ts):
 * - DATABASE_URL set (any target but cloudflare): Postgres for both, shared by every instance;
 * - node without it: SQLite in KB_DATA_DIR, and the limit in this one process's memory;
 * - netlify or vercel without it: no store. Keeping votes in one instance's memory would lose them silently, so
 *   both endpoints answer 503 with what to set, and the operator's log gets one line saying so;
 * - cloudflare: this instance's memory (no Node, no Postgres driver).
 */
export function createFeedbackHandlerFromEnv(
  env: Env = globalThis.process?.env ?? {},
  options: Omit<FeedbackHandlerOptions, 'store' | 'limiter'> = {},
): FeedbackHandler {
  const config = loadConfig(env);
  const { dataDir, databaseUrl, feedbackRateLimit: limit, allowedOrigins, trustProxy } = config;
  const limiter = limit > 0 ? windowLimiter(config, { name: 'feedback', limit, windowMs: 60_000 }) : null;
  const log = options.log ?? ((line: string) => console.error(line));
  const store =
    databaseUrl && !isWorker
      ? lazyStore(async () => (await import('./postgres-store.ts')).createPostgresStore({ url: databaseUrl }))
      : deployTarget === 'node'
        ? // Imported on first use, so node:sqlite never reaches a bundle that can't run it.
          lazyStore(async () => (await import('./sqlite-store.ts')).createSqliteStore({ dataDir }))
        : isWorker
          ? createMemoryStore()
          : unavailableStore(log);
  return createFeedbackHandler({ allowedOrigins, trustProxy, ...options, log, store, limiter });
}

/**
 * Where no lasting store is configured: every write and read is a 503 that says what to set. The log line is
 * written once per instance, on first use, rather than once per request.
 */
export function unavailableStore(log: (line: string) => void): FeedbackStore {
  let told = false;
  const refuse = (): never => {
    if (!told) {
      told = true;
      log(
        `[feedback] No DATABASE_URL on ${deployTarget}: feedback and search counts are not stored. Set DATABASE_URL ` +
          'to a Postgres database and run `npm run migrate` once (README, Deploy).',
      );
    }
    throw new HttpError(
      503,
      'feedback_unavailable',
      'Feedback is not being stored on this site yet: its operator has to set DATABASE_URL. Please try again later.',
      { reported: true, retryAfter: 3600 },
    );
  };
  return { addFeedback: refuse, addSearchMiss: refuse, addSearchClick: refuse, report: refuse, close() {} };
}

/** A store that is opened on first use; if opening fails, the next use tries again. */
export function lazyStore(open: () => FeedbackStore | Promise<FeedbackStore>): FeedbackStore {
  let opened: Promise<FeedbackStore> | undefined;
  const get = (): Promise<FeedbackStore> => {
    opened ??= Promise.resolve()
      .then(open)
      .catch((error: unknown) => {
        opened = undefined;
        throw error;
      });
    return opened;
  };
  return {
    addFeedback: async (entry) => (await get()).addFeedback(entry),
    addSearchMiss: async (query, day) => (await get()).addSearchMiss(query, day),
    addSearchClick: async (query, page, day) => (await get()).addSearchClick(query, page, day),
    report: async (options) => (await get()).report(options),
    async close() {
      const store = opened;
      opened = undefined;
      if (store) await (await store.catch(() => undefined))?.close();
    },
  };
}
