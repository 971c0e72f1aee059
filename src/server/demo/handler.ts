/**
 * The refund demo's HTTP API as a plain `Request → Response` function, so the same code runs in Astro, a Node
 * server or any serverless platform. Checks run cheapest first (route, method, origin, rate limit, id, body)
 * and Stripe is asked only once a request has passed them all.
 */
import { loadConfig, type Env, type StripeMode } from '../config.ts';
import { readJsonBody } from '../http/body.ts';
import { HttpError } from '../http/error.ts';
import { json } from '../http/json-response.ts';
import { isCrossOrigin } from '../http/origin.ts';
import { parseBody } from '../http/parse-body.ts';
import { allowanceOf, type RateLimiter } from '../http/rate-limit.ts';
import { windowLimiter } from '../http/window-limiter.ts';
import { serve, type Serve } from '../http/serve.ts';
import { createDemoActions, type DemoActions } from './actions.ts';
import { isStripeError, notFound, type Subject } from './errors.ts';
import { createStripeConnector, defaultStripeSettings, type StripeSettings } from './stripe-client.ts';
import {
  cancelRefundBody,
  createPaymentBody,
  createRefundBody,
  isPaymentId,
  isRefundId,
  parseIdempotencyKey,
} from './validation.ts';

export interface DemoHandlerOptions {
  /** Where the settings come from (see src/server/config.ts); `process.env` by default. */
  env?: Env;
  /** Per-client limits, to share them across instances; in memory by default, sized by DEMO_RATE_LIMIT. */
  limiters?: { actions?: RateLimiter; reads?: RateLimiter };
  /** Public origins allowed to POST besides the request's own; DEMO_ALLOWED_ORIGINS by default. */
  allowedOrigins?: readonly string[];
  /** Proxies whose forwarded headers name the client; TRUST_PROXY by default. */
  trustProxy?: number;
  stripe?: Partial<StripeSettings>;
  /** Where failures on the demo's side are reported: one line each, never a key or a request body. */
  log?: (line: string) => void;
}

export interface DemoHandler extends Serve {
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
 * Builds the handler. Throws a `ConfigError` for a live key or a malformed setting, so a server that
 * builds its handler at start-up refuses to start.
 */
export function createDemoHandler(options: DemoHandlerOptions = {}): DemoHandler {
  const config = loadConfig(options.env ?? globalThis.process?.env ?? {});
  const connector = createStripeConnector(config, { ...defaultStripeSettings, ...options.stripe });
  const actions = createDemoActions(() => connector.get());
  const allowedOrigins = options.allowedOrigins ?? config.allowedOrigins;
  // With DATABASE_URL, shared by every instance of the function (see window-limiter.ts).
  const perMinute = (name: string, limit: number) =>
    limit > 0 ? windowLimiter(config, { name, limit, windowMs: 60_000 }) : undefined;
  const limiters = {
    actions: options.limiters?.actions ?? perMinute('demo-actions', config.demoRateLimit),
    reads: options.limiters?.reads ?? perMinute('demo-reads', config.demoRateLimit * readsPerAction),
    // Only real Stripe has a rate limit to respect; the emulator has none.
    stripe:
      config.mode === 'test'
        ? windowLimiter(config, { name: 'stripe-calls', limit: stripeCallsPerSecond, windowMs: 1000 })
        : undefined,
  };

  async function handle(request: Request, clientId: string): Promise<Response> {
    const { pathname } = new URL(request.url);
    // Which Stripe the demo talks to, so the page can say when it runs offline; costs Stripe nothing.
    if (request.method === 'GET' && /^\/api\/demo\/status\/?$/.test(pathname)) return json(200, { mode: config.mode });
    const { route, id } = findRoute(request.method, pathname);
    const writes = route.method === 'POST';
    if (writes && isCrossOrigin(request, allowedOrigins)) {
      throw new HttpError(
        403,
        'cross_origin',
        'This request came from another website, so it was refused. The demo only takes requests from its own pages.',
      );
    }
    if (writes) await limit(limiters.actions, clientId, 'actions');
    else await limit(limiters.reads, clientId, 'reads');
    // A malformed id can't name a demo object: the answer is the same as for an unknown one, without asking Stripe.
    if (id !== undefined && !(route.subject === 'refund' ? isRefundId(id) : isPaymentId(id)))
      throw notFound(route.subject, id);
    const key = writes
      ? await scopedKey(parseIdempotencyKey(request.headers.get('idempotency-key')), clientId)
      : undefined;
    const execute = await route.prepare({ request, id: id ?? '', idempotencyKey: key, actions });
    if (limiters.stripe) {
      const decision = await limiters.stripe.take('stripe', route.stripeCalls);
      if (!decision.allowed) {
        throw new HttpError(429, 'demo_busy', 'The demo is busy right now. Wait a second and try again.', {
          retryAfter: decision.retryAfter,
        });
      }
    }
    return execute();
  }

  const handler = serve(handle, {
    name: 'refund-demo',
    log: options.log ?? ((line: string) => console.error(line)),
    trustProxy: options.trustProxy ?? config.trustProxy,
    // Stripe's request id lets the operator find the call in the Dashboard; the SDK's message adds nothing.
    describeCause: (cause) =>
      isStripeError(cause) ? `${cause.type}${cause.requestId ? ` (${cause.requestId})` : ''}` : undefined,
  });
  return Object.assign(handler, { mode: config.mode, close: () => connector.close() });
}

function findRoute(method: string, pathname: string): { route: Route; id: string | undefined } {
  const matches = routes.flatMap((route) => {
    const found = route.pattern.exec(pathname);
    return found ? [{ route, id: found[1] === undefined ? undefined : decode(found[1]) }] : [];
  });
  if (matches.length === 0) {
    throw new HttpError(404, 'not_found', `There's no demo endpoint at ${pathname}. Check the address for a typo.`);
  }
  const match = matches.find(({ route }) => route.method === method);
  if (match) return match;
  const allowed = matches.map(({ route }) => route.method);
  throw new HttpError(
    405,
    'method_not_allowed',
    `${method} isn't supported at ${pathname}. Use ${allowed.join(' or ')}.`,
    {
      allow: allowed.join(', '),
    },
  );
}

async function limit(limiter: RateLimiter | undefined, clientId: string, noun: string): Promise<void> {
  const decision = await limiter?.take(clientId);
  if (decision && !decision.allowed) {
    // The allowance comes from the limiter that refused, so the message can't quote a number it didn't apply.
    const allowance = allowanceOf(decision, noun);
    const reached = allowance
      ? `You've reached the demo's limit of ${allowance}.`
      : `You've made too many demo ${noun} for now.`;
    throw new HttpError(429, 'rate_limited', `${reached} Wait ${decision.retryAfter} seconds and try again.`, {
      retryAfter: decision.retryAfter,
    });
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
