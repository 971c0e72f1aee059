/**
 * The one demo handler of this server process, created on first use so that a build never starts the emulator.
 * Platforms that start a fresh instance per request get a fresh handler; the in-memory rate limit then holds per
 * instance only (see DemoHandlerOptions.limiters for a shared store). That is so on every serverless target
 * (KB_TARGET=netlify, vercel, cloudflare): each instance counts for itself.
 */
import { runtimeEnv } from '../runtime-env.ts';
import { createDemoHandler, type DemoHandler } from './handler.ts';

let handler: DemoHandler | undefined;

export function demoHandler(): DemoHandler {
  handler ??= createDemoHandler({ env: runtimeEnv() });
  return handler;
}
