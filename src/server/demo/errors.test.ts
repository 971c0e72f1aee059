/** Stripe's errors, as the SDK raises them, translated into the demo's plain answers. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { HttpError } from '../http/error.ts';
import { amountTooLarge, isAmountRefusal, translateStripeError } from './errors.ts';

const {
  StripeAPIError,
  StripeAuthenticationError,
  StripeCardError,
  StripeConnectionError,
  StripeIdempotencyError,
  StripeInvalidRequestError,
  StripeRateLimitError,
} = Stripe.errors;

function translate(error: unknown, subject: 'payment' | 'refund' = 'payment'): HttpError {
  return translateStripeError(error, subject, subject === 'payment' ? 'pi_123' : 're_123');
}

/** Stripe's invalid_request_error as the SDK raises it: a 400 unless the case says otherwise. */
function invalidRequest(fields: Omit<ConstructorParameters<typeof StripeInvalidRequestError>[0], 'type'>) {
  return new StripeInvalidRequestError({ type: 'invalid_request_error', statusCode: 400, ...fields });
}

describe('translateStripeError', () => {
  it('turns a decline into a 402 explaining nothing moved', () => {
    const raw = new StripeCardError({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
      statusCode: 402,
    });
    const error = translate(raw);
    assert.deepEqual([error.status, error.code], [402, 'card_declined']);
    assert.match(error.message, /no money moved/);
    assert.ok(!error.message.includes('Your card was declined.'), 'Stripe’s wording is not passed through');
  });

  it('turns Stripe’s refund refusals into 409s that say what to do', () => {
    const refunded = translate(
      invalidRequest({
        code: 'charge_already_refunded',
        message: 'Charge ch_1 has already been refunded.',
      }),
    );
    assert.deepEqual([refunded.status, refunded.code], [409, 'already_refunded']);
    assert.match(refunded.message, /Create a new test payment/);
    const disputed = translate(
      invalidRequest({
        code: 'charge_disputed',
        message: 'Charge ch_1 has been charged back; cannot issue a refund.',
      }),
    );
    assert.deepEqual([disputed.status, disputed.code], [409, 'payment_disputed']);
    assert.match(disputed.message, /Respond to the dispute/);
    assert.ok(!disputed.message.includes('ch_1'));
  });

  it('turns resource_missing into a 404 for the demo object', () => {
    const raw = invalidRequest({
      code: 'resource_missing',
      message: "No such refund: 're_123'",
      statusCode: 404,
    });
    const error = translate(raw, 'refund');
    assert.deepEqual([error.status, error.code], [404, 'not_found']);
    assert.match(error.message, /no demo refund with the id re_123/);
  });

  it('turns an idempotency mismatch into a 409 on the header', () => {
    const error = translate(
      new StripeIdempotencyError({
        type: 'idempotency_error',
        message: 'Keys for idempotent requests…',
        statusCode: 400,
      }),
    );
    assert.deepEqual([error.status, error.code, error.param], [409, 'idempotency_key_reused', 'Idempotency-Key']);
  });

  it('answers Stripe’s rate limit with 429 and Retry-After', () => {
    const error = translate(
      new StripeRateLimitError({
        type: 'invalid_request_error',
        code: 'rate_limit',
        message: 'Too many requests',
        statusCode: 429,
      }),
    );
    assert.deepEqual([error.status, error.code, error.headers['retry-after']], [429, 'stripe_busy', '2']);
  });

  it('answers an unreachable or failing Stripe with 503 and Retry-After', () => {
    for (const raw of [
      new StripeConnectionError({ message: 'Request aborted due to timeout being reached (5000ms)' }),
      new StripeAPIError({ type: 'api_error', message: 'An unknown error occurred', statusCode: 500 }),
    ]) {
      const error = translate(raw);
      assert.deepEqual([error.status, error.code, error.headers['retry-after']], [503, 'stripe_unavailable', '5']);
      assert.equal(error.cause, raw, 'the cause is kept for the log');
    }
  });

  it('does not blame the reader for a bad key, and does not quote Stripe’s message', () => {
    const raw = new StripeAuthenticationError({
      type: 'invalid_request_error',
      message: 'Invalid API Key provided: sk_test_****1234',
      statusCode: 401,
    });
    const error = translate(raw);
    assert.deepEqual([error.status, error.code], [503, 'demo_unavailable']);
    assert.ok(!error.message.includes('sk_test'));
  });

  it('keeps other invalid requests a 400, naming the parameter without Stripe’s wording', () => {
    const error = translate(
      invalidRequest({
        param: 'currency',
        message: 'Invalid currency: xyz',
      }),
    );
    assert.deepEqual([error.status, error.code, error.param], [400, 'invalid_request', 'currency']);
    assert.ok(!error.message.includes('xyz'));
  });

  it('treats anything that is not Stripe’s as the demo’s own failure', () => {
    const error = translate(new TypeError('boom'));
    assert.deepEqual([error.status, error.code], [500, 'internal_error']);
  });
});

describe('over-refunds', () => {
  it('recognizes Stripe refusing the amount', () => {
    const overRefund = invalidRequest({
      param: 'amount',
      message: 'Refund amount ($25.00) is greater than unrefunded amount on charge ($10.00)',
    });
    assert.ok(isAmountRefusal(overRefund));
    assert.ok(!isAmountRefusal(invalidRequest({ param: 'reason' })));
    assert.ok(!isAmountRefusal(new TypeError('amount')));
  });

  it('says how much is left, in the payment’s currency', () => {
    const error = amountTooLarge(2500, 1000, 'eur');
    assert.deepEqual([error.status, error.code, error.param], [400, 'amount_too_large', 'amount']);
    assert.match(error.message, /refund €25\.00, but only €10\.00/);
    assert.equal(amountTooLarge(500, 0, 'usd').code, 'already_refunded');
  });
});
