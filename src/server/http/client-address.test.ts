import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientAddressOf } from './client-address.ts';

function request(headers: Record<string, string>): Request {
  return new Request('http://127.0.0.1/api/feedback', { headers });
}

describe('clientAddressOf', () => {
  it('is the connection’s address unless proxies are trusted', () => {
    assert.equal(clientAddressOf(request({ 'x-forwarded-for': '198.51.100.7' }), '10.0.0.2', 0), '10.0.0.2');
    assert.equal(clientAddressOf(request({ forwarded: 'for=198.51.100.7' }), undefined, 0), undefined);
  });

  it('takes the address the outermost trusted proxy saw, ignoring what the client claimed', () => {
    const chain = request({ 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.1' });
    assert.equal(clientAddressOf(chain, '10.0.0.2', 1), '10.0.0.1');
    assert.equal(clientAddressOf(chain, '10.0.0.2', 2), '198.51.100.7');
    assert.equal(clientAddressOf(chain, '10.0.0.2', 5), '6.6.6.6', 'fewer entries than proxies: the furthest known');
  });

  it('prefers Forwarded, and drops ports and IPv6 brackets so one client is one bucket', () => {
    const both = request({
      forwarded: 'for="[2001:db8::1]:4711";proto=https, for=192.0.2.60:80',
      'x-forwarded-for': '203.0.113.9',
    });
    assert.equal(clientAddressOf(both, '10.0.0.2', 1), '192.0.2.60');
    assert.equal(clientAddressOf(both, '10.0.0.2', 2), '2001:db8::1');
  });

  it('falls back to the connection when no proxy left a trace', () => {
    assert.equal(clientAddressOf(request({}), '10.0.0.2', 1), '10.0.0.2');
    assert.equal(clientAddressOf(request({ forwarded: 'proto=https' }), '10.0.0.2', 1), '10.0.0.2');
  });
});
