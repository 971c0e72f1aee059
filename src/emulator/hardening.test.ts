/**
 * Hostile input over real HTTP: the emulator shares its process with the site, so a parameter must never reach
 * `Object.prototype`, and memory kept for idempotency must stay bounded.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from './index.ts';

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.close());

const auth = { authorization: 'Bearer sk_test_hardening' };
const payment =
  'amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true&allowed_payment_method_types[0]=card';

function post(target: Emulator, path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${target.url}${path}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

const marker = 'pollutedByEmulatorTest';

/** Fails the test, and cleans up, if anything wrote the marker onto the shared prototypes. */
afterEach(() => {
  const polluted = Object.hasOwn(Object.prototype, marker) || Object.hasOwn(Function.prototype, marker);
  Reflect.deleteProperty(Object.prototype, marker);
  Reflect.deleteProperty(Function.prototype, marker);
  assert.equal(polluted, false, 'a request wrote to a shared prototype');
});

async function paymentId(): Promise<string> {
  const response = await post(emulator, '/v1/payment_intents', payment);
  assert.equal(response.status, 200);
  return ((await response.json()) as { id: string }).id;
}

describe('expand[] with reserved names', () => {
  const cases: [path: string, named: string][] = [
    [`__proto__.${marker}`, '__proto__'],
    ['constructor', 'constructor'],
    [`constructor.prototype.${marker}`, 'constructor'],
    ['toString', 'toString'],
    ['latest_charge.hasOwnProperty', 'latest_charge.hasOwnProperty'],
    ['latest_charge.__proto__', 'latest_charge.__proto__'],
  ];
  for (const [path, named] of cases) {
    it(`refuses expand[]=${path} with Stripe's 400, naming ${named}`, async () => {
      const id = await paymentId();
      const response = await fetch(`${emulator.url}/v1/payment_intents/${id}?expand[]=${encodeURIComponent(path)}`, {
        headers: auth,
      });
      assert.equal(response.status, 400);
      const { error } = await response.json();
      assert.equal(error.type, 'invalid_request_error');
      assert.equal(error.message, `This property cannot be expanded (${named}).`);
      assert.equal(error.param, 'expand');
    });
  }

  it('still expands real properties next to a refused one only when all are valid', async () => {
    const id = await paymentId();
    const response = await fetch(
      `${emulator.url}/v1/payment_intents/${id}?expand[]=latest_charge.balance_transaction`,
      {
        headers: auth,
      },
    );
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.latest_charge.balance_transaction.object, 'balance_transaction');
  });
});

describe('form keys with reserved names', () => {
  for (const body of [
    `${payment}&a[__proto__][${marker}]=1`,
    `${payment}&constructor[prototype][${marker}]=1`,
    `${payment}&__proto__[${marker}]=1`,
    `${payment}&expand[__proto__]=${marker}`,
  ]) {
    it(`refuses ${body.slice(payment.length + 1)} as a parameter, and pollutes nothing`, async () => {
      const response = await post(emulator, '/v1/payment_intents', body);
      assert.equal(response.status, 400);
      const { error } = await response.json();
      assert.equal(error.type, 'invalid_request_error');
    });
  }

  it('keeps metadata keys named __proto__, constructor and toString as plain keys', async () => {
    const metadata = `metadata[__proto__]=a&metadata[constructor]=b&metadata[toString]=c&metadata[${marker}]=d`;
    const response = await post(emulator, '/v1/payment_intents', `${payment}&${metadata}`);
    assert.equal(response.status, 200);
    const text = await response.text();
    // JSON.parse makes "__proto__" an own key, which is exactly what a client sees.
    const body = JSON.parse(text) as { id: string; metadata: Record<string, string> };
    assert.deepEqual(Object.entries(body.metadata).sort(), [
      ['__proto__', 'a'],
      ['constructor', 'b'],
      [marker, 'd'],
      ['toString', 'c'],
    ]);
    const again = await fetch(`${emulator.url}/v1/payment_intents/${body.id}`, { headers: auth });
    assert.equal(Object.keys((await again.json()).metadata).length, 4);
  });
});

describe('idempotency after a refused request', () => {
  it('saves no result for a request that failed validation: the fixed retry with the same key succeeds', async () => {
    const headers = { 'idempotency-key': `fix-and-retry-${Date.now()}` };
    const refused = await post(
      emulator,
      '/v1/payment_intents',
      `${payment}&amount=abc`.replace('amount=2000&', ''),
      headers,
    );
    assert.equal(refused.status, 400);
    assert.equal((await refused.json()).error.param, 'amount');

    const fixed = await post(emulator, '/v1/payment_intents', payment, headers);
    assert.equal(fixed.status, 200, 'the retry is run, not refused as a different request');
    assert.equal(fixed.headers.get('idempotent-replayed'), null);
    const replay = await post(emulator, '/v1/payment_intents', payment, headers);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true', 'and the success is what is kept');
    assert.equal((await replay.json()).id, (await fixed.json()).id);
  });

  it('still replays a declined card: the payment was attempted', async () => {
    const headers = { 'idempotency-key': `declined-kept-${Date.now()}` };
    const declined = payment.replace('pm_card_visa', 'pm_card_chargeDeclined');
    assert.equal((await post(emulator, '/v1/payment_intents', declined, headers)).status, 402);
    const again = await post(emulator, '/v1/payment_intents', declined, headers);
    assert.equal(again.status, 402);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
  });
});

describe('idempotency memory', () => {
  it('forgets a key together with the payment it would replay', async () => {
    const small = await startEmulator({ maxPaymentIntents: 2 });
    try {
      const first = { 'idempotency-key': 'first' };
      const created = await (await post(small, '/v1/payment_intents', payment, first)).json();
      // Two more payments push the first out of the emulator's memory.
      await post(small, '/v1/payment_intents', payment);
      await post(small, '/v1/payment_intents', payment);
      const retried = await post(small, '/v1/payment_intents', payment, first);
      assert.equal(retried.status, 200);
      assert.equal(retried.headers.get('idempotent-replayed'), null, 'no replay of a payment that no longer exists');
      assert.notEqual((await retried.json()).id, created.id);
    } finally {
      await small.close();
    }
  });

  it('forgets a key together with the customer it would replay', async () => {
    const small = await startEmulator({ maxPaymentIntents: 2 });
    try {
      const first = { 'idempotency-key': 'first-customer' };
      const created = await (await post(small, '/v1/customers', 'email=a%40example.com', first)).json();
      // Two more customers push the first out of the emulator's memory (customers share the payments' cap).
      await post(small, '/v1/customers', 'email=b%40example.com');
      await post(small, '/v1/customers', 'email=c%40example.com');
      const retried = await post(small, '/v1/customers', 'email=a%40example.com', first);
      assert.equal(retried.status, 200);
      assert.equal(retried.headers.get('idempotent-replayed'), null, 'no replay of a customer that no longer exists');
      assert.notEqual((await retried.json()).id, created.id);
    } finally {
      await small.close();
    }
  });
});
