/** Shared by the server's tests (not a test itself). */
import assert from 'node:assert/strict';
import { HttpError } from './error.ts';

/** The HttpError `run` throws; fails the test if it returns or throws anything else. */
export function refusal(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof HttpError);
    return error;
  }
  assert.fail('expected a refusal');
}
