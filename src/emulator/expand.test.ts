/**
 * `expand[]` on routes that create or change something, over real HTTP: a path the answer cannot expand is refused
 * before the operation runs, so the 400 leaves nothing behind and a retry with the same idempotency key makes no
 * second object.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from './index.ts';

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.close());

const auth = { authorization: 'Bearer sk_test_expand' };
const payment =
  'amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true&allowed_payment_method_types[0]=card';

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test asserts the fields it reads
  body: any;
}

async function call(
  method: 'GET' | 'POST',
  path: string,
  body = '',
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    ...(method === 'POST' && { body }),
  });
  return { status: response.status, body: await response.json() };
}

/** Asserts Stripe's answer to a path that cannot expand. */
function assertRefused(answer: Answer, path: string) {
  assert.equal(answer.status, 400);
  assert.equal(answer.body.error.type, 'invalid_request_error');
  assert.equal(answer.body.error.message, `This property cannot be expanded (${path}).`);
  assert.equal(answer.body.error.param, 'expand');
}

/** Every charge makes a balance transaction, so their count tells whether a payment went through. */
async function transactionCount(): Promise<number> {
  const { status, body } = await call('GET', '/v1/balance_transactions?limit=100');
  assert.equal(status, 200);
  return body.data.length;
}

describe('an expand[] the answer cannot take', () => {
  it('refuses a payment before charging it, also when retried with the same idempotency key', async () => {
    const before = await transactionCount();
    const key = { 'idempotency-key': 'expand-refused-payment' };
    for (const attempt of [1, 2]) {
      const answer = await call('POST', '/v1/payment_intents', `${payment}&expand[]=latest_charge.nope`, key);
      assertRefused(answer, 'latest_charge.nope');
      assert.equal(await transactionCount(), before, `attempt ${attempt} charged a card`);
    }
    // The refusal saved nothing: the corrected request, same key, is the first payment made.
    const fixed = await call('POST', '/v1/payment_intents', `${payment}&expand[]=latest_charge`, key);
    assert.equal(fixed.status, 200);
    assert.equal(fixed.body.latest_charge.object, 'charge');
    assert.equal(await transactionCount(), before + 1);
  });

  it('refuses a refund before making it, also when retried with the same idempotency key', async () => {
    const intent = await call('POST', '/v1/payment_intents', payment);
    assert.equal(intent.status, 200);
    const key = { 'idempotency-key': 'expand-refused-refund' };
    for (const attempt of [1, 2]) {
      const answer = await call('POST', '/v1/refunds', `payment_intent=${intent.body.id}&expand[]=refunds`, key);
      assertRefused(answer, 'refunds');
      const refunds = await call('GET', `/v1/refunds?payment_intent=${intent.body.id}`);
      assert.deepEqual(refunds.body.data, [], `attempt ${attempt} made a refund`);
    }
  });

  it('refuses a customer update before applying it', async () => {
    const created = await call('POST', '/v1/customers', 'email=before%40example.com');
    assert.equal(created.status, 200);
    const path = `/v1/customers/${created.body.id}`;
    assertRefused(
      await call('POST', path, 'email=after%40example.com&expand[]=default_source.owner'),
      'default_source',
    );
    const customer = await call('GET', path);
    assert.equal(customer.body.email, 'before@example.com');
  });

  it('refuses a customer with expand[] before creating it', async () => {
    assertRefused(await call('POST', '/v1/customers', 'email=new%40example.com&expand[]=sources'), 'sources');
  });

  it('checks paths through a list and a polymorphic field against what each can hold', async () => {
    const intent = await call('POST', '/v1/payment_intents', payment);
    const charge = intent.body.latest_charge as string;
    const expanded = await call(
      'GET',
      `/v1/charges/${charge}?expand[]=refunds.data.charge&expand[]=balance_transaction.source`,
    );
    assert.equal(expanded.status, 200);
    assert.equal(expanded.body.balance_transaction.source.id, charge);
    assertRefused(await call('GET', `/v1/charges/${charge}?expand[]=refunds.data.nope`), 'refunds.data.nope');
    assertRefused(
      await call('GET', `/v1/charges/${charge}?expand[]=balance_transaction.source.nope`),
      'balance_transaction.source.nope',
    );
  });
});
