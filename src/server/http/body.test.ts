import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readJsonBody } from './body.ts';
import { HttpError } from './error.ts';

function request(
  body: BodyInit | null,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Request {
  return new Request('http://localhost/api/demo/payments', {
    method: 'POST',
    headers,
    body,
    duplex: 'half',
  } as RequestInit);
}

async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => assert.fail('expected a refusal'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof HttpError);
  return error;
}

function stream(chunks: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ === chunks) controller.close();
      else controller.enqueue(new TextEncoder().encode(' '.repeat(size)));
    },
  });
}

describe('readJsonBody', () => {
  it('parses JSON, with or without a charset', async () => {
    assert.deepEqual(await readJsonBody(request('{"amount":1}')), { amount: 1 });
    assert.deepEqual(await readJsonBody(request('{"a":1}', { 'content-type': 'application/json; charset=utf-8' })), {
      a: 1,
    });
  });

  it('reads an empty body as an empty object', async () => {
    assert.deepEqual(await readJsonBody(request(null, {})), {});
    assert.deepEqual(await readJsonBody(request('')), {});
  });

  it('refuses other media types with 415', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'application/json-patch+json']) {
      assert.equal((await refusal(readJsonBody(request('amount=1', { 'content-type': type })))).status, 415, type);
    }
    assert.equal((await refusal(readJsonBody(request('{"amount":1}', {})))).status, 415, 'a body needs its type');
  });

  it('refuses more than 4 KB with 413, whatever Content-Length says', async () => {
    assert.equal((await refusal(readJsonBody(request(`{"note":"${'x'.repeat(5000)}"}`)))).status, 413);
    const lying = request(stream(10, 1000), { 'content-type': 'application/json', 'content-length': '10' });
    assert.equal((await refusal(readJsonBody(lying))).status, 413);
  });

  it('refuses malformed JSON with 400', async () => {
    for (const body of ['{amount: 1}', '{"amount":', new Uint8Array([0x7b, 0xff, 0x7d])]) {
      assert.equal((await refusal(readJsonBody(request(body)))).code, 'invalid_json');
    }
  });
});
