/** Shared by the emulator's and the demo's tests (not a test itself). */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { setTimeout as pause } from 'node:timers/promises';
import Stripe from 'stripe';
import { startEmulator, type Emulator, type EmulatorOptions } from './index.ts';

/**
 * Waits until `done` holds, checking every few milliseconds, and fails once `withinMs` have passed: for what the
 * emulator does on its own clock (a pending refund settling, a delayed request landing), without guessing how long.
 */
export async function eventually(done: () => boolean | Promise<boolean>, withinMs = 5000): Promise<void> {
  const until = Date.now() + withinMs;
  while (!(await done())) {
    assert.ok(Date.now() < until, `not done within ${withinMs} ms`);
    await pause(20);
  }
}

/** The error the `stripe` SDK rejects `promise` with; fails the test if it resolves or fails some other way. */
export async function rejection(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const error = await promise.then(
    () => assert.fail('expected Stripe to refuse'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof Stripe.errors.StripeError, String(error));
  return error;
}

/** Starts an emulator before the file's tests and closes it after; `ready` gets the real `stripe` SDK pointed at it. */
export function useEmulator(options: EmulatorOptions, ready: (stripe: Stripe) => void): void {
  let emulator: Emulator | undefined;
  before(async () => {
    emulator = await startEmulator(options);
    ready(new Stripe('sk_test_emulator', { host: '127.0.0.1', port: emulator.port, protocol: 'http' }));
  });
  after(() => emulator?.close());
}
