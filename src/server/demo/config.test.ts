import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSafeKey, DemoConfigError, loadDemoConfig } from './config.ts';

describe('assertSafeKey', () => {
  it('accepts no key and test secret or restricted keys', () => {
    for (const key of [undefined, '', 'sk_test_51Abc', 'rk_test_51Abc']) assert.doesNotThrow(() => assertSafeKey(key));
  });

  it('refuses live keys and non-secret keys, without quoting them', () => {
    for (const key of ['sk_live_' + '51Zq9xabc', 'rk_live_' + '51Zq9xabc', 'pk_test_51Zq9xabc', 'Zq9xabc']) {
      assert.throws(
        () => assertSafeKey(key),
        (error: unknown) => error instanceof DemoConfigError && !error.message.includes('Zq9x'),
        key,
      );
    }
    assert.throws(() => assertSafeKey('sk_live_x'), /live-mode key/);
  });
});

describe('loadDemoConfig', () => {
  it('runs on the in-process emulator by default, with 20 actions a minute', () => {
    assert.deepEqual(loadDemoConfig({}), { mode: 'emulator', rateLimit: 20 });
  });

  it('uses an emulator already running, or Stripe’s test mode with a key', () => {
    const emulator = loadDemoConfig({ STRIPE_EMULATOR_URL: 'http://127.0.0.1:12111', DEMO_RATE_LIMIT: '0' });
    assert.equal(emulator.mode, 'emulator');
    assert.equal(emulator.emulatorUrl?.port, '12111');
    assert.equal(emulator.rateLimit, 0);
    assert.equal(loadDemoConfig({ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_EMULATOR_URL: 'http://127.0.0.1:1' }).mode, 'test');
  });

  it('refuses malformed settings', () => {
    assert.throws(() => loadDemoConfig({ STRIPE_SECRET_KEY: 'sk_live_abc' }), DemoConfigError);
    assert.throws(() => loadDemoConfig({ DEMO_RATE_LIMIT: 'lots' }), /DEMO_RATE_LIMIT/);
    assert.throws(() => loadDemoConfig({ DEMO_RATE_LIMIT: '-1' }), /DEMO_RATE_LIMIT/);
    assert.throws(() => loadDemoConfig({ STRIPE_EMULATOR_URL: 'ftp://x' }), /STRIPE_EMULATOR_URL/);
  });
});
