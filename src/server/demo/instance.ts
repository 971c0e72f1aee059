/**
 * The one demo handler of this server process, created on first use so that a build never starts the emulator.
 * Platforms that start a fresh instance per request get a fresh handler; the in-memory rate limit then holds per
 * instance only (see DemoHandlerOptions.limiters for a shared store). That is so on every serverless target
 * (KB_TARGET=netlify, vercel), where each instance counts for itself; a Cloudflare Worker counts in Cloudflare's
 * rate-limit bindings, shared by its instances (src/server/cloudflare/worker-state.ts).
 */
import { workerDemoLimiters } from '../cloudflare/worker-state.ts';
import { runtimeEnv } from '../runtime-env.ts';
import { isWorker } from '../target.ts';
import { createDemoHandler, type DemoHandler } from './handler.ts';

let handler: DemoHandler | undefined;

export function demoHandler(): DemoHandler {
  if (!handler) {
    const env = runtimeEnv();
    handler = createDemoHandler({ env, ...(isWorker && { limiters: workerDemoLimiters(env) }) });
  }
  return handler;
}
