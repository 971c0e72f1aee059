/**
 * Shared by the demo's property, reliability and secrets tests (not a test itself): an emulator with a
 * handler in front of it, one way to send a request, and the checks every refusal must pass.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.ts';
import { createDemoHandler, type DemoHandler, type DemoHandlerOptions, type DemoPayment } from './index.ts';

export interface Fixture {
  emulator: Emulator;
  /** The SDK pointed straight at the emulator, for setting up and reading back what the demo can't. */
  stripe: Stripe;
  /** Every line the fixture's handlers logged. */
  logs: string[];
  /** A handler on the emulator, rate limit off unless `env` says otherwise. */
  demo(options?: DemoHandlerOptions, env?: Record<string, string>): DemoHandler;
  close(): Promise<void>;
}

export async function startFixture(options: EmulatorOptions = {}): Promise<Fixture> {
  const emulator = await startEmulator({ refundDelayMs: 100, ...options });
  const stripe = new Stripe('sk_test_fixture', {
    host: '127.0.0.1',
    port: emulator.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  const logs: string[] = [];
  const handlers: DemoHandler[] = [];
  return {
    emulator,
    stripe,
    logs,
    demo(handlerOptions = {}, env = {}) {
      const handler = createDemoHandler({
        env: { STRIPE_EMULATOR_URL: emulator.url, DEMO_RATE_LIMIT: '0', ...env },
        log: (line) => logs.push(line),
        ...handlerOptions,
      });
      handlers.push(handler);
      return handler;
    },
    async close() {
      await Promise.all(handlers.map((handler) => handler.close()));
      await emulator.close();
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body; the tests check its shape. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test asserts the fields it reads
  body: any;
  ms: number;
}

/** How long any answer may take before the handler counts as hung. */
export const answerWithinMs = 3000;

/** Where fast-check starts: fixed, so a failure reproduces; FC_SEED=<n> explores another part of the input space. */
export const fcSeed = Number(process.env.FC_SEED ?? 20_261_126);

/** Sends `request` through `handler` and reads the whole answer, failing if that takes longer than `withinMs`. */
export async function send(
  handler: DemoHandler,
  request: Request,
  clientId?: string,
  withinMs = answerWithinMs,
): Promise<Answer> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${withinMs} ms to ${request.method} ${request.url}`)),
      withinMs,
    );
  });
  try {
    return await Promise.race([
      (async () => {
        const response = await handler(request, clientId);
        const text = await response.text();
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          assert.fail(
            `${request.method} ${request.url} answered ${response.status} with a body that isn't JSON: ${text.slice(0, 200)}`,
          );
        }
        return { status: response.status, headers: response.headers, text, body, ms: performance.now() - started };
      })(),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A request to the demo's API, JSON-encoding an object body. */
export function demoRequest(
  path: string,
  { method, body, headers = {} }: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Request {
  const init: RequestInit = { method: method ?? (body === undefined ? 'GET' : 'POST'), headers };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { 'content-type': 'application/json', ...headers };
  }
  return new Request(`http://localhost${path}`, init);
}

export async function createDemoPayment(handler: DemoHandler, body: object): Promise<DemoPayment> {
  const answer = await send(handler, demoRequest('/api/demo/payments', { body }));
  assert.equal(answer.status, 201, answer.text);
  return answer.body.payment;
}

/** What a stack trace or a source path looks like in a body. */
export const leakPattern = /at \w+ \(|\.ts:\d|node_modules\/|file:\/\/|\/work\/|(sk|rk)_(test|live)_/;

/**
 * The checks every refusal passes: the status (4xx unless `statuses` says otherwise), `{ error: { code,
 * message, param? } }` and nothing else, no stack trace or path, and Retry-After / Allow where they belong.
 * `echoed` is text the request itself carried (an id, a path), which a message may quote back.
 */
export function assertRefusal(
  answer: Answer,
  { statuses, echoed = [] }: { statuses?: readonly number[]; echoed?: readonly string[] } = {},
): void {
  const context = `${answer.status} ${answer.text.slice(0, 300)}`;
  if (statuses) assert.ok(statuses.includes(answer.status), `expected ${statuses.join(' or ')}, got ${context}`);
  else assert.ok(answer.status >= 400 && answer.status < 500, `expected a 4xx, got ${context}`);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/, context);
  const { body } = answer;
  assert.ok(typeof body === 'object' && body !== null && !Array.isArray(body), context);
  assert.deepEqual(Object.keys(body), ['error'], context);
  const { error } = body;
  assert.ok(typeof error === 'object' && error !== null, context);
  for (const key of Object.keys(error))
    assert.ok(['code', 'message', 'param'].includes(key), `unexpected field ${key}: ${context}`);
  assert.equal(typeof error.code, 'string', context);
  assert.match(error.code, /^[a-z_]+$/, context);
  assert.equal(typeof error.message, 'string', context);
  assert.ok(error.message.length >= 20, `the message explains: ${context}`);
  assert.ok(error.param === undefined || typeof error.param === 'string', context);
  // Quoted input is the reader's own text; what is left must show nothing of the server.
  let own = `${error.code} ${error.message} ${error.param ?? ''}`;
  for (const text of echoed) if (text) own = own.split(text).join('');
  assert.doesNotMatch(own, leakPattern, context);
  if (answer.status === 405) assert.ok(answer.headers.get('allow'), `405 without Allow: ${context}`);
  if (answer.status === 429 || answer.status === 503) {
    assert.ok(Number(answer.headers.get('retry-after')) > 0, `${answer.status} without Retry-After: ${context}`);
  }
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

export interface StripeStandIn {
  url: URL;
  /** Every request that reached it, in order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A local server in Stripe's place that records what it is sent, so a test can follow a key offline: it refuses
 * every key as Stripe refuses a revoked one, echoing the key back, the worst case for a log.
 */
export async function startStripeStandIn(): Promise<StripeStandIn> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const authorization = req.headers.authorization;
    requests.push({ method: req.method ?? '', path: req.url ?? '', authorization, body });
    const error = { type: 'invalid_request_error', message: `Invalid API Key provided: ${authorization?.slice(7)}` };
    res
      .writeHead(401, { 'content-type': 'application/json', 'request-id': 'req_standin' })
      .end(JSON.stringify({ error }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
