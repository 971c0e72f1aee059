import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCrossOrigin } from './origin.ts';

function post(headers: Record<string, string>): Request {
  return new Request('https://help.example/api/demo/payments', { method: 'POST', headers });
}

describe('isCrossOrigin', () => {
  it('allows the site’s own pages and clients that send no Origin, like curl', () => {
    assert.equal(isCrossOrigin(post({ origin: 'https://help.example' })), false);
    assert.equal(isCrossOrigin(post({ origin: 'https://help.example', 'sec-fetch-site': 'same-origin' })), false);
    assert.equal(isCrossOrigin(post({})), false);
  });

  it('refuses another origin, however it is announced', () => {
    assert.equal(isCrossOrigin(post({ origin: 'https://evil.example' })), true);
    assert.equal(isCrossOrigin(post({ origin: 'http://help.example' })), true, 'another scheme is another origin');
    assert.equal(isCrossOrigin(post({ origin: 'null' })), true);
    assert.equal(isCrossOrigin(post({ 'sec-fetch-site': 'cross-site' })), true);
    assert.equal(isCrossOrigin(post({ 'sec-fetch-site': 'same-site', origin: 'https://help.example' })), true);
  });

  it('allows origins named for a proxy in front of the site', () => {
    const behindProxy = new Request('http://127.0.0.1:4321/api/demo/payments', {
      method: 'POST',
      headers: { origin: 'https://help.example' },
    });
    assert.equal(isCrossOrigin(behindProxy), true);
    assert.equal(isCrossOrigin(behindProxy, ['https://help.example']), false);
  });
});
