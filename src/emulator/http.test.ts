/** The emulator on the wire, with plain fetch: what curl or any HTTP client sees. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from './index.ts';

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator();
});
after(() => emulator.close());

const auth = { authorization: 'Bearer sk_test_http' };

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

function get(path: string, headers: Record<string, string> = auth) {
  return fetch(`${emulator.url}${path}`, { headers });
}

const payment =
  'amount=2000&currency=usd&payment_method=pm_card_visa&confirm=true&allowed_payment_method_types[0]=card';

describe('authentication', () => {
  it('refuses a request without a key, in Stripe’s error shape', async () => {
    const response = await get('/v1/refunds', {});
    assert.equal(response.status, 401);
    const { error } = await response.json();
    assert.equal(error.type, 'invalid_request_error');
    assert.match(error.message, /did not provide an API key/);
  });

  it('refuses live keys and anything that is not a test secret or restricted key, without echoing the key', async () => {
    for (const key of ['sk_live_' + 'abcdefgh1234', 'pk_test_abcdefgh1234', 'nonsense']) {
      const response = await get('/v1/refunds', { authorization: `Bearer ${key}` });
      assert.equal(response.status, 401, key);
      const { error } = await response.json();
      assert.match(error.message, /Invalid API Key provided/);
      assert.ok(!error.message.includes(key), 'the key is redacted');
    }
  });

  it('accepts sk_test_ and rk_test_ keys as bearer tokens or as the basic-auth user', async () => {
    for (const authorization of [
      'Bearer sk_test_abc',
      'Bearer rk_test_abc',
      `Basic ${Buffer.from('sk_test_abc:').toString('base64')}`,
    ]) {
      assert.equal((await get('/v1/refunds', { authorization })).status, 200, authorization);
    }
  });
});

describe('responses', () => {
  it('carries a Request-Id on every answer, errors included', async () => {
    for (const response of [await get('/v1/refunds'), await get('/v1/nowhere'), await get('/v1/refunds', {})]) {
      assert.match(response.headers.get('request-id') ?? '', /^req_\w{14}$/);
      assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    }
  });

  it('answers an unknown route with a 404 naming it', async () => {
    const response = await get('/v1/customers');
    assert.equal(response.status, 404);
    assert.match((await response.json()).error.message, /Unrecognized request URL \(GET: \/v1\/customers\)/);
  });

  it('answers an unknown id with a 404 resource_missing', async () => {
    for (const [path, resource] of [
      ['/v1/payment_intents/pi_missing', 'payment_intent'],
      ['/v1/charges/ch_missing', 'charge'],
      ['/v1/refunds/re_missing', 'refund'],
      ['/v1/balance_transactions/txn_missing', 'balance_transaction'],
    ] as const) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      const { error } = await response.json();
      assert.equal(error.code, 'resource_missing');
      assert.equal(error.param, 'id');
      assert.match(error.message, new RegExp(`No such ${resource}`));
    }
  });

  it('refuses unknown parameters by name', async () => {
    const response = await post('/v1/payment_intents', `${payment}&colour=blue`);
    assert.equal(response.status, 400);
    const { error } = await response.json();
    assert.equal(error.code, 'parameter_unknown');
    assert.equal(error.param, 'colour');
  });
});

describe('form encoding', () => {
  it('reads bracketed keys: hashes, indexed and empty-bracket arrays, nested expansion', async () => {
    const body = `${payment}&metadata[note]=a%20note%20%26%20more&metadata[order]=42&expand[]=latest_charge.balance_transaction`;
    const response = await post('/v1/payment_intents', body);
    assert.equal(response.status, 200);
    const intent = await response.json();
    assert.deepEqual(intent.metadata, { note: 'a note & more', order: '42' });
    assert.equal(intent.latest_charge.object, 'charge');
    assert.equal(intent.latest_charge.balance_transaction.object, 'balance_transaction');
  });

  it('reads query strings with brackets on GET', async () => {
    const intent = await (await post('/v1/payment_intents', payment)).json();
    const response = await get(
      `/v1/payment_intents/${intent.id}?expand[0]=latest_charge&expand[1]=latest_charge.balance_transaction`,
    );
    const fetched = await response.json();
    assert.equal(fetched.latest_charge.balance_transaction.fee, 88);
  });

  it('says which parameter has the wrong type', async () => {
    const { error } = await (await post('/v1/payment_intents', 'amount=lots&currency=usd')).json();
    assert.equal(error.param, 'amount');
    assert.match(error.message, /Invalid integer: lots/);
  });

  it('names a missing required parameter', async () => {
    const { error } = await (await post('/v1/payment_intents', 'currency=usd')).json();
    assert.equal(error.code, 'parameter_missing');
    assert.equal(error.param, 'amount');
  });
});

describe('idempotency', () => {
  it('replays the first answer for the same key and parameters, with Idempotent-Replayed', async () => {
    const headers = { 'idempotency-key': `key-${Date.now()}` };
    const first = await post('/v1/payment_intents', payment, headers);
    const second = await post('/v1/payment_intents', payment, headers);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(second.headers.get('idempotency-key'), headers['idempotency-key']);
    assert.deepEqual(await second.json(), await first.json());
  });

  it('replays errors too', async () => {
    const headers = { 'idempotency-key': `declined-${Date.now()}` };
    const body = payment.replace('pm_card_visa', 'pm_card_chargeDeclined');
    const first = await post('/v1/payment_intents', body, headers);
    const second = await post('/v1/payment_intents', body, headers);
    assert.equal(first.status, 402);
    assert.equal(second.status, 402);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await second.json(), await first.json());
  });

  it('treats parameters in another order as the same request', async () => {
    const headers = { 'idempotency-key': `order-${Date.now()}` };
    const first = await (
      await post('/v1/payment_intents', 'amount=900&currency=usd&metadata[a]=1&metadata[b]=2', headers)
    ).json();
    const second = await post('/v1/payment_intents', 'metadata[b]=2&currency=usd&metadata[a]=1&amount=900', headers);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal((await second.json()).id, first.id);
  });

  it('refuses the same key with different parameters', async () => {
    const headers = { 'idempotency-key': `mismatch-${Date.now()}` };
    await post('/v1/payment_intents', payment, headers);
    const response = await post('/v1/payment_intents', payment.replace('2000', '2001'), headers);
    assert.equal(response.status, 400);
    assert.equal((await response.json()).error.type, 'idempotency_error');
  });

  it('makes exactly one object for parallel requests with one key', async () => {
    const headers = { 'idempotency-key': `parallel-${Date.now()}` };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post('/v1/payment_intents', payment, headers).then((r) => r.json())),
    );
    assert.equal(new Set(answers.map((intent) => intent.id)).size, 1);
  });

  it('refuses a key longer than 255 characters', async () => {
    const response = await post('/v1/payment_intents', payment, { 'idempotency-key': 'k'.repeat(256) });
    assert.equal(response.status, 400);
  });
});

describe('listing refunds', () => {
  it('pages newest first with limit, starting_after and ending_before', async () => {
    const intent = await (await post('/v1/payment_intents', payment)).json();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await (await post('/v1/refunds', `payment_intent=${intent.id}&amount=100`)).json()).id);
    const newestFirst = [...ids].reverse();

    const pages: [query: string, ids: string[], hasMore: boolean][] = [
      ['limit=2', newestFirst.slice(0, 2), true],
      [`limit=2&starting_after=${newestFirst[1]}`, newestFirst.slice(2, 4), true],
      [`limit=2&starting_after=${newestFirst[3]}`, newestFirst.slice(4), false],
      [`limit=2&ending_before=${newestFirst[4]}`, newestFirst.slice(2, 4), true],
    ];
    for (const [query, ids, hasMore] of pages) {
      const page = await (await get(`/v1/refunds?payment_intent=${intent.id}&${query}`)).json();
      assert.equal(page.object, 'list', query);
      assert.equal(page.url, '/v1/refunds', query);
      assert.deepEqual(
        page.data.map((r: { id: string }) => r.id),
        ids,
        query,
      );
      assert.equal(page.has_more, hasMore, query);
    }

    const byCharge = await (await get(`/v1/refunds?charge=${intent.latest_charge}`)).json();
    assert.deepEqual(
      byCharge.data.map((r: { id: string }) => r.id),
      newestFirst,
    );
  });

  it('defaults to 10 and refuses limits outside 1–100', async () => {
    assert.ok((await (await get('/v1/refunds')).json()).data.length <= 10);
    for (const limit of ['0', '101']) {
      const response = await get(`/v1/refunds?limit=${limit}`);
      assert.equal(response.status, 400, limit);
      assert.equal((await response.json()).error.param, 'limit');
    }
  });

  it('refuses an unknown cursor', async () => {
    const response = await get('/v1/refunds?starting_after=re_nope');
    assert.equal(response.status, 400);
    assert.equal((await response.json()).error.code, 'resource_missing');
  });
});

/** Asserts Stripe's answer to a path that cannot expand. */
async function assertRefused(response: Response, path: string) {
  assert.equal(response.status, 400);
  const { error } = await response.json();
  assert.equal(error.type, 'invalid_request_error');
  assert.equal(error.message, `This property cannot be expanded (${path}).`);
  assert.equal(error.param, 'expand');
}

/** Every charge makes a balance transaction, so their count tells whether a payment went through. */
async function transactionCount(): Promise<number> {
  const response = await get('/v1/balance_transactions?limit=100');
  assert.equal(response.status, 200);
  return (await response.json()).data.length;
}

// A refusal saves no idempotent answer, so a route must refuse a bad expand[] before it creates or changes anything.
describe('an expand[] the answer cannot take', () => {
  it('refuses a payment before charging it, also when retried with the same idempotency key', async () => {
    const before = await transactionCount();
    const key = { 'idempotency-key': `expand-payment-${Date.now()}` };
    for (const attempt of [1, 2]) {
      await assertRefused(
        await post('/v1/payment_intents', `${payment}&expand[]=latest_charge.nope`, key),
        'latest_charge.nope',
      );
      assert.equal(await transactionCount(), before, `attempt ${attempt} charged a card`);
    }
    // The refusal saved nothing: the corrected request, same key, is the first payment made.
    const fixed = await post('/v1/payment_intents', `${payment}&expand[]=latest_charge`, key);
    assert.equal(fixed.status, 200);
    assert.equal((await fixed.json()).latest_charge.object, 'charge');
    assert.equal(await transactionCount(), before + 1);
  });

  it('refuses a refund before making it, also when retried with the same idempotency key', async () => {
    const intent = await (await post('/v1/payment_intents', payment)).json();
    const key = { 'idempotency-key': `expand-refund-${Date.now()}` };
    for (const attempt of [1, 2]) {
      await assertRefused(await post('/v1/refunds', `payment_intent=${intent.id}&expand[]=refunds`, key), 'refunds');
      const refunds = await (await get(`/v1/refunds?payment_intent=${intent.id}`)).json();
      assert.deepEqual(refunds.data, [], `attempt ${attempt} made a refund`);
    }
  });

  it('refuses a customer update before applying it, and a new customer before creating it', async () => {
    const created = await (await post('/v1/customers', 'email=before%40example.com')).json();
    const path = `/v1/customers/${created.id}`;
    await assertRefused(await post(path, 'email=after%40example.com&expand[]=default_source.owner'), 'default_source');
    assert.equal((await (await get(path)).json()).email, 'before@example.com');
    await assertRefused(await post('/v1/customers', 'email=new%40example.com&expand[]=sources'), 'sources');
  });

  it('checks paths through a list and a polymorphic field against what each can hold', async () => {
    const charge = (await (await post('/v1/payment_intents', payment)).json()).latest_charge as string;
    const expanded = await get(
      `/v1/charges/${charge}?expand[]=refunds.data.charge&expand[]=balance_transaction.source`,
    );
    assert.equal(expanded.status, 200);
    assert.equal((await expanded.json()).balance_transaction.source.id, charge);
    for (const path of ['refunds.data.nope', 'balance_transaction.source.nope']) {
      await assertRefused(await get(`/v1/charges/${charge}?expand[]=${path}`), path);
    }
  });
});

describe('fault control endpoint', () => {
  it('queues faults posted as JSON and clears them', async () => {
    const control = `${emulator.url}/__emulator/faults`;
    const added = await fetch(control, {
      method: 'POST',
      body: JSON.stringify({ kind: 'error', status: 500, path: '/v1/charges' }),
    });
    assert.equal((await added.json()).faults.length, 1);
    const failed = await get('/v1/charges/ch_any');
    assert.equal(failed.status, 500);
    assert.equal((await failed.json()).error.type, 'api_error');
    assert.equal((await get('/v1/charges/ch_any')).status, 404, 'a fault hits once by default');

    await fetch(control, { method: 'POST', body: JSON.stringify([{ kind: 'error', status: 429, times: 3 }]) });
    await fetch(control, { method: 'DELETE' });
    assert.equal((await get('/v1/refunds')).status, 200);
  });

  it('refuses malformed faults', async () => {
    const response = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', body: '{"kind":"explode"}' });
    assert.equal(response.status, 400);
  });
});
