/** Shared by the emulator's and the demo's tests (not a test itself). */
import assert from 'node:assert/strict';
import { setTimeout as pause } from 'node:timers/promises';

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
