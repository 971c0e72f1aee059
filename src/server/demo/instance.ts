/**
 * The one demo handler of this server process, created on first use so that a build never starts the emulator.
 * Platforms that start a fresh instance per request get a fresh handler; the in-memory rate limit then holds per
 * instance only (see DemoHandlerOptions.limiters for a shared store).
 */
import { createDemoHandler, type DemoHandler } from './handler.ts';

let handler: DemoHandler | undefined;

export function demoHandler(): DemoHandler {
  handler ??= createDemoHandler();
  return handler;
}
