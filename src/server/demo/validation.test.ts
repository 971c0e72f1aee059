import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBody } from '../http/parse-body.ts';
import { refusal } from '../http/test-support.ts';
import {
  cancelRefundBody,
  createPaymentBody,
  createRefundBody,
  isPaymentId,
  isRefundId,
  parseIdempotencyKey,
} from './validation.ts';

describe('payment body', () => {
  it('fills in usd and the succeeding scenario', () => {
    assert.deepEqual(parseBody(createPaymentBody, { amount: 2500 }), {
      amount: 2500,
      currency: 'usd',
      scenario: 'succeeds',
    });
    assert.deepEqual(parseBody(createPaymentBody, { amount: 50, currency: 'gbp', scenario: 'refund_fails' }), {
      amount: 50,
      currency: 'gbp',
      scenario: 'refund_fails',
    });
  });

  it('names an unknown field and lists the accepted ones', () => {
    const error = refusal(() => parseBody(createPaymentBody, { amount: 2500, customer: 'cus_1' }));
    assert.deepEqual([error.status, error.code, error.param], [400, 'unknown_field', 'customer']);
    assert.match(error.message, /"customer".*amount, currency, scenario/);
  });

  it('refuses a missing amount, wrong types and values out of range, naming the field', () => {
    const cases: [unknown, string, string][] = [
      [{}, 'amount', 'missing_field'],
      [{ amount: '2500' }, 'amount', 'invalid_field'],
      [{ amount: 25.5 }, 'amount', 'invalid_field'],
      [{ amount: 49 }, 'amount', 'invalid_field'],
      [{ amount: 100_001 }, 'amount', 'invalid_field'],
      [{ amount: 2500, currency: 'jpy' }, 'currency', 'invalid_field'],
      [{ amount: 2500, currency: 'USD' }, 'currency', 'invalid_field'],
      [{ amount: 2500, scenario: 'explodes' }, 'scenario', 'invalid_field'],
    ];
    for (const [body, param, code] of cases) {
      const error = refusal(() => parseBody(createPaymentBody, body));
      assert.deepEqual([error.status, error.code, error.param], [400, code, param], JSON.stringify(body));
      assert.match(error.message, new RegExp(`^${param} (is required|must be)`));
    }
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, [], 'amount', 42]) {
      assert.equal(refusal(() => parseBody(createPaymentBody, body)).code, 'invalid_body');
    }
  });
});

describe('refund body', () => {
  it('accepts an empty body: refund what remains', () => {
    assert.deepEqual(parseBody(createRefundBody, {}), {});
  });

  it('requires a note for the reason "other", and trims it', () => {
    const error = refusal(() => parseBody(createRefundBody, { reason: 'other' }));
    assert.deepEqual([error.code, error.param], ['invalid_field', 'note']);
    assert.match(error.message, /note is required/);
    assert.equal(refusal(() => parseBody(createRefundBody, { reason: 'other', note: '   ' })).param, 'note');
    assert.deepEqual(parseBody(createRefundBody, { reason: 'other', note: '  wrong size  ' }), {
      reason: 'other',
      note: 'wrong size',
    });
  });

  it('refuses notes over 500 characters, unknown reasons and non-positive amounts', () => {
    assert.equal(refusal(() => parseBody(createRefundBody, { note: 'x'.repeat(501) })).param, 'note');
    assert.equal(refusal(() => parseBody(createRefundBody, { reason: 'changed_mind' })).param, 'reason');
    assert.equal(refusal(() => parseBody(createRefundBody, { amount: 0 })).param, 'amount');
    assert.equal(refusal(() => parseBody(createRefundBody, { amount: -5 })).param, 'amount');
    assert.equal(refusal(() => parseBody(createRefundBody, { payment_intent: 'pi_1' })).code, 'unknown_field');
  });
});

describe('cancel body', () => {
  it('takes nothing', () => {
    assert.deepEqual(parseBody(cancelRefundBody, {}), {});
    assert.equal(refusal(() => parseBody(cancelRefundBody, { reason: 'x' })).code, 'unknown_field');
  });
});

describe('ids and idempotency keys', () => {
  it('recognizes Stripe-shaped ids only', () => {
    assert.ok(isPaymentId('pi_3Qabc123'));
    assert.ok(!isPaymentId('re_3Qabc123'));
    assert.ok(!isPaymentId('pi_../../v1/customers'));
    assert.ok(isRefundId('re_1Abc'));
    assert.ok(!isRefundId('pi_1Abc'));
  });

  it('takes keys of 1 to 255 characters', () => {
    assert.equal(parseIdempotencyKey(null), undefined);
    assert.equal(parseIdempotencyKey('k'.repeat(255)), 'k'.repeat(255));
    assert.equal(refusal(() => parseIdempotencyKey('')).code, 'invalid_idempotency_key');
    assert.equal(refusal(() => parseIdempotencyKey('k'.repeat(256))).param, 'Idempotency-Key');
  });
});
