/**
 * The HTTP side of the emulator: authentication, parameter decoding, idempotency, fault injection and Stripe's
 * response headers around the synchronous routes. Once a request's body has arrived, nothing awaits until its
 * answer is recorded, so concurrent requests are applied one at a time, as if Stripe had locked the object.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import Stripe from 'stripe';
import { ApiError, invalidRequest, type ErrorBody } from './errors.ts';
import { parseFaults, type Faults } from './faults.ts';
import { parseForm } from './form.ts';
import { fingerprintOf, type IdempotencyStore, type SavedResponse } from './idempotency.ts';
import { newId } from './ids.ts';
import type { Route } from './route.ts';

export interface ListenerDeps {
  routes: Route[];
  idempotency: IdempotencyStore;
  faults: Faults;
  /** Waits for a delay fault; owned by the emulator so closing it cancels the wait. */
  sleep(ms: number): Promise<void>;
}

interface Outcome extends SavedResponse {
  headers?: Record<string, string>;
}

const maxBodyBytes = 1024 * 1024;
const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function createListener(deps: ListenerDeps): RequestListener {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      // A client that hung up mid-body is not worth a log line; anything else is a bug in the emulator.
      if (!req.destroyed) console.error('[stripe-emulator] request failed:', error);
      req.socket.destroy();
    });
  };
}

async function handle(deps: ListenerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = newId('req_', 14);
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://emulator');
  const reply = (outcome: Outcome) => send(res, requestId, req, outcome);

  if (url.pathname === '/__emulator/faults') return reply(await control(deps.faults, req, method));

  const fault = deps.faults.take(method, url.pathname);
  if (fault?.kind === 'error') return reply(injectedError(fault.status));
  if (fault?.kind === 'drop' && !fault.after) return void req.socket.destroy();

  const text = method === 'POST' ? await readBody(req) : url.search.slice(1);
  if (text === undefined) return reply(errorOutcome(invalidRequest('The request body is larger than 1 MB.', {}, 413)));
  // A slow Stripe still applies a request whose client gave up waiting: the delay comes after the body arrived.
  if (fault?.kind === 'delay') await deps.sleep(fault.ms);
  // From here to the reply nothing awaits: the request is checked, run and recorded in one step.
  const outcome = run(deps, req, method, url.pathname, text);
  if (fault?.kind === 'drop') return void req.socket.destroy();
  reply(outcome);
}

function run(deps: ListenerDeps, req: IncomingMessage, method: string, path: string, text: string): Outcome {
  try {
    const apiKey = authenticate(req.headers.authorization);
    const { route, id } = match(deps.routes, method, path);
    const params = parseForm(text);
    const key = method === 'POST' ? header(req, 'idempotency-key') : undefined;
    if (key === undefined) return execute(() => route.handle(params, id));
    if (key.length > 255)
      throw invalidRequest('Idempotency keys can be at most 255 characters long.', { param: 'Idempotency-Key' });

    // Stripe scopes keys to the account; the emulator scopes them to the API key, so two clients never share one.
    const scope = `${apiKey}\n${key}`;
    const fingerprint = fingerprintOf(method, path, params);
    const found = deps.idempotency.lookup(scope, fingerprint);
    if (found.kind === 'replay')
      return { ...found.response, headers: { 'Idempotency-Key': key, 'Idempotent-Replayed': 'true' } };
    if (found.kind === 'mismatch') {
      throw new ApiError(400, {
        type: 'idempotency_error',
        message:
          'Keys for idempotent requests can only be used with the same parameters they were first used with. ' +
          `Try using a key other than '${key}' if you meant to execute a different request.`,
      });
    }
    const { objectIds, ...outcome } = execute(() => route.handle(params, id));
    // As Stripe: a request refused before any work (a 4xx invalid_request_error) saves nothing, so the client can
    // fix its parameters and retry with the same key; an attempted payment (a decline) or a crash is kept.
    if (!isRefusal(outcome)) deps.idempotency.save(scope, fingerprint, outcome, objectIds);
    return { ...outcome, headers: { 'Idempotency-Key': key } };
  } catch (error) {
    if (error instanceof ApiError) return errorOutcome(error);
    throw error;
  }
}

interface Executed extends SavedResponse {
  /** The objects the answer names, so its saved copy is forgotten with them. */
  objectIds: string[];
}

/** Runs the endpoint; its answer, success, decline or crash, is what a replay will answer too. */
function execute(handler: () => object): Executed {
  try {
    const result = handler();
    return { status: 200, body: JSON.stringify(result), objectIds: idsOf(result) };
  } catch (error) {
    if (error instanceof ApiError)
      return { ...errorOutcome(error), objectIds: idsOf(error.body.payment_intent ?? error.body.setup_intent) };
    console.error('[stripe-emulator] unexpected error:', error);
    const body = errorJson({ type: 'api_error', message: 'An unknown error occurred in the Stripe emulator.' });
    return { status: 500, body, objectIds: [] };
  }
}

function idsOf(object: unknown): string[] {
  const id: unknown = typeof object === 'object' && object !== null ? Reflect.get(object, 'id') : undefined;
  return typeof id === 'string' ? [id] : [];
}

function isRefusal({ status, body }: SavedResponse): boolean {
  return (
    status >= 400 && status < 500 && (JSON.parse(body) as { error?: ErrorBody }).error?.type === 'invalid_request_error'
  );
}

function authenticate(authorization: string | undefined): string {
  const key = apiKeyOf(authorization);
  if (!key) {
    throw invalidRequest(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      {},
      401,
    );
  }
  if (!/^(sk|rk)_test_\w+$/.test(key)) {
    throw invalidRequest(
      `Invalid API Key provided: ${redact(key)}. The Stripe emulator accepts only test-mode secret or restricted keys (sk_test_… or rk_test_…).`,
      {},
      401,
    );
  }
  return key;
}

/** Bearer auth, or HTTP basic auth with the key as the user name (what `curl -u sk_test_…:` sends). */
function apiKeyOf(authorization: string | undefined): string | undefined {
  const [scheme, credentials] = authorization?.trim().split(/\s+/, 2) ?? [];
  if (!credentials) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return credentials;
  if (scheme?.toLowerCase() === 'basic') return Buffer.from(credentials, 'base64').toString('utf8').split(':')[0];
  return undefined;
}

/** Keeps the prefix and last four characters, as Stripe does when it echoes a key back; a short key shows none. */
function redact(key: string): string {
  const prefix = /^[a-z]+_(test|live)_/.exec(key)?.[0] ?? '';
  const secret = key.slice(prefix.length);
  const shown = secret.length > 12 ? secret.slice(-4) : '';
  return `${prefix}${'*'.repeat(secret.length - shown.length)}${shown}`;
}

function match(routes: readonly Route[], method: string, path: string): { route: Route; id: string } {
  for (const route of routes) {
    const found = route.method === method ? route.pattern.exec(path) : null;
    if (found) return { route, id: decodeId(found[1]) };
  }
  throw invalidRequest(
    `Unrecognized request URL (${method}: ${path}). The Stripe emulator serves only the endpoints the refund demo and the help center's samples use.`,
    {},
    404,
  );
}

function decodeId(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    return raw ?? '';
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function control(faults: Faults, req: IncomingMessage, method: string): Promise<Outcome> {
  // The control endpoint changes how the emulator behaves for everyone: only this machine may use it.
  if (!loopback.has(req.socket.remoteAddress ?? '')) return errorOutcome(invalidRequest('Not found.', {}, 404));
  if (method === 'DELETE') faults.clear();
  else if (method === 'POST') {
    try {
      faults.add(...parseFaults(JSON.parse((await readBody(req)) ?? '')));
    } catch (error) {
      return errorOutcome(invalidRequest(`Invalid faults: ${(error as Error).message}`));
    }
  } else if (method !== 'GET')
    return errorOutcome(invalidRequest(`Unrecognized request URL (${method}: /__emulator/faults).`, {}, 404));
  return { status: 200, body: JSON.stringify({ faults: faults.pending() }) };
}

function injectedError(status: number): Outcome {
  const body: ErrorBody =
    status === 429
      ? {
          type: 'invalid_request_error',
          code: 'rate_limit',
          message: 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
        }
      : { type: 'api_error', message: `The Stripe emulator answered ${status} because a fault was injected.` };
  return { status, body: errorJson(body) };
}

function errorOutcome(error: ApiError): SavedResponse {
  return { status: error.status, body: errorJson(error.body) };
}

function errorJson(body: ErrorBody): string {
  return JSON.stringify({ error: body });
}

function send(res: ServerResponse, requestId: string, req: IncomingMessage, outcome: Outcome): void {
  if (res.destroyed) return;
  res.writeHead(outcome.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(outcome.body),
    'Cache-Control': 'no-cache, no-store',
    'Request-Id': requestId,
    'Stripe-Version': header(req, 'stripe-version') ?? Stripe.API_VERSION,
    ...outcome.headers,
  });
  res.end(outcome.body);
}
