import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createIdempotencyStore } from './idempotency.ts';

const answer = (body: string) => ({ status: 200, body });

describe('createIdempotencyStore', () => {
  it('keeps at most maxEntries keys, dropping the least recently used', () => {
    const store = createIdempotencyStore({ maxEntries: 2 });
    store.save('a', 'f', answer('A'));
    store.save('b', 'f', answer('B'));
    assert.equal(store.lookup('a', 'f').kind, 'replay', 'a is used again, so b is now the least recent');
    store.save('c', 'f', answer('C'));
    assert.equal(store.size, 2);
    assert.equal(store.lookup('b', 'f').kind, 'new');
    assert.deepEqual(store.lookup('a', 'f'), { kind: 'replay', response: answer('A') });
    assert.equal(store.lookup('c', 'f').kind, 'replay');
  });

  it('forgets the answers that name a forgotten object, and only those', () => {
    const store = createIdempotencyStore();
    store.save('pay', 'f', answer('{}'), ['pi_1']);
    store.save('refund', 'f', answer('{}'), ['re_1']);
    store.save('other', 'f', answer('{}'), ['pi_2']);
    store.forget(['pi_1', 're_1']);
    assert.equal(store.lookup('pay', 'f').kind, 'new');
    assert.equal(store.lookup('refund', 'f').kind, 'new');
    assert.equal(store.lookup('other', 'f').kind, 'replay');
    assert.equal(store.size, 1);
  });

  it('forgets a key after its time to live', () => {
    let time = 0;
    const store = createIdempotencyStore({ ttlMs: 1000, now: () => time });
    store.save('a', 'f', answer('A'));
    time = 999;
    assert.equal(store.lookup('a', 'f').kind, 'replay');
    time = 1000;
    assert.equal(store.lookup('a', 'f').kind, 'new');
    assert.equal(store.size, 0);
  });

  it('tells a different request under the same key apart', () => {
    const store = createIdempotencyStore();
    store.save('a', 'POST /v1/refunds amount=1', answer('A'));
    assert.equal(store.lookup('a', 'POST /v1/refunds amount=2').kind, 'mismatch');
  });
});
