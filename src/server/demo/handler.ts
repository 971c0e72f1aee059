/**
 * The refund demo's HTTP API as a plain `Request → Response` function, so the same code runs in Astro, a Node
 * server or any serverless platform. Checks run cheapest first (route, method, origin, rate limit, id, body)
 * and Stripe is asked only once a request has passed them all.
 */
import { createDemoActions, type DemoActions } from './actions.ts';
import { readJsonBody } from './body.ts';
import { loadDemoConfig, type Env, type StripeMode } from './config.ts';
import { DemoError, internalError, isStripeError, notFound, type Subject } from './errors.ts';
import { isCrossOrigin } from './origin.ts';
import { createMemoryRateLimiter, type RateLimiter } from './rate-limit.ts';
import { createStripeConnector, defaultStripeSettings, type StripeSettings } from './stripe-client.ts';
import {
  cancelRefundBody,
  createPaymentBody,
  createRefundBody,
  isPaymentId,
  isRefundId,
  parseBody,
  parseIdempotencyKey,
} from './validation.ts';
import { errorResponse, json } from '../json-response.ts';

export interface DemoHandlerOptions {
  /** Where STRIPE_SECRET_KEY, STRIPE_EMULATOR_URL and DEMO_RATE_LIMIT come from; `process.env` by default. */
  env?: Env;
  /** Per-client limits, to share them across instances; in memory by default, sized by DEMO_RATE_LIMIT. */
  limiters?: { actions?: RateLimiter; reads?: RateLimiter };
  /** Public origins allowed to POST besides the request's own, for a proxy that rewrites the request URL. */
  allowedOrigins?: readonly string[];
  stripe?: Partial<StripeSettings>;
  /** Where failures on the demo's side are reported: one line each, never a key or a request body. */
  log?: (line: string) => void;
}

export interface DemoHandler {
  (request: Request, clientId?: string): Promise<Response>;
  /** `emulator` when the demo runs offline against the built-in Stripe emulator. */
  readonly mode: StripeMode;
  /** Stops the in-process emulator, if one was started. */
  close(): Promise<void>;
}

interface Context {
  request: Request;
  id: string;
  idempotencyKey: string | undefined;
  actions: DemoActions;
}

interface Route {
  pattern: RegExp;
  method: 'GET' | 'POST';
  /** What the id in the path names. */
  subject: Subject;
  /** The most Stripe calls the action makes, counted against the demo's Stripe rate limit. */
  stripeCalls: number;
  /** Reads and checks the request, then returns the Stripe work to do, so a bad request costs Stripe nothing. */
  prepare(context: Context): Promise<() => Promise<Response>>;
}

const routes: readonly Route[] = [
  {
    pattern: /^\/api\/demo\/payments\/?$/,
    method: 'POST',
    subject: 'payment',
    stripeCalls: 1,
    async prepare({ request, idempotencyKey, actions }) {
      const input = parseBody(createPaymentBody, await readJsonBody(request));
      return async () => json(201, { payment: await actions.createPayment(input, idempotencyKey) });
    },
  },
  {
    pattern: /^\/api\/demo\/payments\/([^/]+)\/?$/,
    method: 'GET',
    subject: 'payment',
    stripeCalls: 2,
    async prepare({ id, actions }) {
      return async () => json(200, { payment: await actions.getPayment(id) });
    },
  },
  {
    pattern: /^\/api\/demo\/payments\/([^/]+)\/refunds\/?$/,
    method: 'POST',
    subject: 'payment',
    stripeCalls: 4,
    async prepare({ request, id, idempotencyKey, actions }) {
      const input = parseBody(createRefundBody, await readJsonBody(request));
      return async () => json(201, await actions.refundPayment(id, input, idempotencyKey));
    },
  },
  {
    pattern: /^\/api\/demo\/refunds\/([^/]+)\/cancel\/?$/,
    method: 'POST',
    subject: 'refund',
    stripeCalls: 3,
    async prepare({ request, id, idempotencyKey, actions }) {
      parseBody(cancelRefundBody, await readJsonBody(request));
      return async () => json(200, await actions.cancelRefund(id, idempotencyKey));
    },
  },
];

/** Stripe allows about 25 requests a second in test mode; the demo stays below, leaving room for retries. */
const stripeCallsPerSecond = 20;
/** Reading is cheap and a page may poll a pending refund, so reads get a larger allowance than actions. */
const readsPerAction = 4;

/**
 * Builds the handler. Throws a `DemoConfigError` for a live key or a malformed setting, so a server that
 * builds its handler at start-up refuses to start.
 */
export function createDemoHandler(options: DemoHandlerOptions = {}): DemoHandler {
  const env = options.env ?? globalThis.process?.env ?? {};
  const config = loadDemoConfig(env);
  const connector = createStripeConnector(config, env, { ...defaultStripeSettings, ...options.stripe });
  const actions = createDemoActions(() => connector.get());
  const log = options.log ?? ((line: string) => console.error(line));
  const perMinute = (limit: number) => (limit > 0 ? createMemoryRateLimiter({ limit, windowMs: 60_000 }) : undefined);
  const limiters = {
    actions: options.limiters?.actions ?? perMinute(config.rateLimit),
    reads: options.limiters?.reads ?? perMinute(config.rateLimit * readsPerAction),
    // Only real Stripe has a rate limit to respect; the emulator has none.
    stripe: config.mode === 'test' ? createMemoryRateLimiter({ limit: stripeCallsPerSecond, windowMs: 1000 }) : undefined,
  };

  async function handle(request: Request, clientId: string): Promise<Response> {
    const { pathname } = new URL(request.url);
    // Which Stripe the demo talks to, so the page can say when it runs offline; costs Stripe nothing.
    if (request.method === 'GET' && /^\/api\/demo\/status\/?$/.test(pathname)) return json(200, { mode: config.mode });
    const { route, id } = findRoute(request.method, pathname);
    const writes = route.method === 'POST';
    if (writes && isCrossOrigin(request, options.allowedOrigins)) {
      throw new DemoError(
        403,
        'cross_origin',
        'This request came from another website, so it was refused. The demo only takes requests from its own pages.',
      );
    }
    if (writes) await limit(limiters.actions, clientId, 1, `${config.rateLimit} actions`);
    else await limit(limiters.reads, clientId, 1, `${config.rateLimit * readsPerAction} reads`);
    // A malformed id can't name a demo object: the answer is the same as for an unknown one, without asking Stripe.
    if (id !== undefined && !(route.subject === 'refund' ? isRefundId(id) : isPaymentId(id))) throw notFound(route.subject, id);
    const key = writes ? await scopedKey(parseIdempotencyKey(request.headers.get('idempotency-key')), clientId) : undefined;
    const execute = await route.prepare({ request, id: id ?? '', idempotencyKey: key, actions });
    if (limiters.stripe) {
      const decision = await limiters.stripe.take('stripe', route.stripeCalls);
      if (!decision.allowed) {
        throw new DemoError(429, 'demo_busy', 'The demo is busy right now. Wait a second and try again.', {
          retryAfter: decision.retryAfter,
        });
      }
    }
    return execute();
  }

  // Without a client address every request shares one allowance: stricter, never looser.
  const handler = async (request: Request, clientId = 'anonymous'): Promise<Response> => {
    try {
      return await handle(request, clientId);
    } catch (error) {
      const demoError = error instanceof DemoError ? error : internalError(error);
      if (demoError.status >= 500) log(describeFailure(request, demoError));
      return errorResponse(demoError);
    }
  };
  return Object.assign(handler, { mode: config.mode, close: () => connector.close() });
}

function findRoute(method: string, pathname: string): { route: Route; id: string | undefined } {
  const matches = routes.flatMap((route) => {
    const found = route.pattern.exec(pathname);
    return found ? [{ route, id: found[1] === undefined ? undefined : decode(found[1]) }] : [];
  });
  if (matches.length === 0) {
    throw new DemoError(404, 'not_found', `There's no demo endpoint at ${pathname}. Check the address for a typo.`);
  }
  const match = matches.find(({ route }) => route.method === method);
  if (match) return match;
  const allowed = matches.map(({ route }) => route.method);
  throw new DemoError(405, 'method_not_allowed', `${method} isn't supported at ${pathname}. Use ${allowed.join(' or ')}.`, {
    allow: allowed.join(', '),
  });
}

async function limit(limiter: RateLimiter | undefined, clientId: string, cost: number, what: string): Promise<void> {
  const decision = await limiter?.take(clientId, cost);
  if (decision && !decision.allowed) {
    throw new DemoError(
      429,
      'rate_limited',
      `You've reached the demo's limit of ${what} a minute. Wait ${decision.retryAfter} seconds and try again.`,
      { retryAfter: decision.retryAfter },
    );
  }
}

/**
 * Stripe keeps idempotency keys per account, and every reader shares the demo's account: scoping a reader's
 * key to the client keeps it from replaying, or blocking, another reader's request.
 */
async function scopedKey(key: string | undefined, clientId: string): Promise<string | undefined> {
  if (key === undefined) return undefined;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${clientId}\n${key}`)));
  return `demo-${Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}



/** One line for the operator: what failed and Stripe's request id, never the key or what the reader sent. */
function describeFailure(request: Request, error: DemoError): string {
  const { pathname } = new URL(request.url);
  const cause = error.cause;
  const detail = isStripeError(cause)
    ? `${cause.type}${cause.requestId ? ` (${cause.requestId})` : ''}`
    : cause instanceof Error
      ? `${cause.name}: ${redactKeys(cause.message)}`
      : 'no further detail';
  return `[refund-demo] ${request.method} ${pathname} → ${error.status} ${error.code}: ${detail}`;
}

function redactKeys(text: string): string {
  return text.replace(/\b(sk|rk|pk)_(test|live)_\w+/g, '$1_$2_[redacted]');
}
