import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareExcerpt, type ApiResponse } from './compare.ts';
import { placeholderIds, substitute } from './placeholders.ts';

const ok = (body: unknown): ApiResponse => ({ status: 200, body });
const ids = new Map([['pi_123', 'pi_real']]);

describe('compareExcerpt', () => {
  const refund = {
    id: 're_abc',
    object: 'refund',
    amount: 4000,
    payment_intent: 'pi_real',
    created: 1_800_000_000,
    reason: null,
  };

  it('accepts matching values, ids by prefix, the sample’s own ids exactly, timestamps by type', () => {
    const excerpt = { id: 're_456', amount: 4000, payment_intent: 'pi_123', created: 1795651200, reason: null };
    assert.deepEqual(compareExcerpt(excerpt, [ok(refund)], { ids }), []);
  });

  it('names every field that differs or is missing', () => {
    const excerpt = { amount: 5000, payment_intent: 'pi_123', status: 'succeeded' };
    assert.deepEqual(compareExcerpt(excerpt, [ok({ ...refund, payment_intent: 'pi_other' })], { ids }), [
      'amount: shows 5000, response has 4000',
      'payment_intent: shows the sample\'s pi_123, response has "pi_other"',
      'status: shown in the excerpt, missing from the response',
    ]);
  });

  it('finds an object of the excerpt’s type at any depth, in the latest response holding one', () => {
    const intent = ok({
      object: 'payment_intent',
      latest_charge: { object: 'charge', balance_transaction: { object: 'balance_transaction', fee: 320 } },
    });
    assert.deepEqual(
      compareExcerpt({ object: 'balance_transaction', fee: 320 }, [intent, ok({ object: 'list', data: [] })], { ids }),
      [],
    );
    assert.equal(compareExcerpt({ object: 'balance_transaction', fee: 0 }, [intent], { ids }).length, 1);
  });

  it('compares an error excerpt with the last error, "..." standing for any message', () => {
    const error = {
      status: 400,
      body: {
        error: { type: 'invalid_request_error', code: 'charge_disputed', message: 'Charge ch_1 has been charged back' },
      },
    };
    assert.deepEqual(
      compareExcerpt({ error: { code: 'charge_disputed', message: '...' } }, [ok({}), error], { ids }),
      [],
    );
    assert.match(
      compareExcerpt({ error: { code: 'charge_disputed' } }, [ok({})], { ids })[0] ?? '',
      /no response looks like/,
    );
  });

  it('keeps the order of list elements and compares numbers by type in shape mode', () => {
    const list = ok({ object: 'list', data: [{ amount: 5000 }, { amount: 3000 }] });
    assert.deepEqual(compareExcerpt({ data: [{ amount: 5000 }, { amount: 3000 }] }, [list], { ids }), []);
    assert.equal(compareExcerpt({ data: [{ amount: 3000 }, { amount: 5000 }] }, [list], { ids }).length, 1);
    assert.deepEqual(compareExcerpt({ data: [{ amount: 1 }] }, [list], { ids, shape: true }), []);
  });
});

describe('placeholders', () => {
  it('finds ids with a digit or "example", leaving Stripe’s test values and words alone', () => {
    const code =
      "refunds.create({ payment_intent: 'pi_123', charge: 'ch_3example' }); 'pm_card_visa'; 'card_error'; cus_Qexample";
    assert.deepEqual(placeholderIds(code), ['pi_123', 'ch_3example', 'cus_Qexample']);
  });

  it('substitutes ids, the key, idempotency keys and the origin', () => {
    const code =
      'curl https://api.stripe.com/v1/refunds -u sk_test_...: -H "Idempotency-Key: return-7" -d payment_intent=pi_123';
    assert.equal(
      substitute(code, { ids, apiKey: 'sk_test_x', runId: 'r1', origin: 'http://127.0.0.1:9' }),
      'curl http://127.0.0.1:9/v1/refunds -u sk_test_x: -H "Idempotency-Key: return-7-r1" -d payment_intent=pi_real',
    );
  });
});
