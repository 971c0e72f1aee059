import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../config.ts';
import { createDemoHandler } from './handler.ts';
import { createStripeConnector, defaultStripeSettings } from './stripe-client.ts';

describe('createStripeConnector', () => {
  it('starts one in-process emulator on first use, and stops it on close', async () => {
    const connector = createStripeConnector(loadConfig({}), defaultStripeSettings);
    const [first, second] = await Promise.all([connector.get(), connector.get()]);
    assert.equal(first, second, 'one client, one emulator');
    assert.equal(first.getApiField('host'), '127.0.0.1');
    assert.equal(first.getApiField('protocol'), 'http');
    const intent = await first.paymentIntents.create({ amount: 1000, currency: 'usd' });
    assert.match(intent.id, /^pi_/);
    await connector.close();
    await assert.rejects(first.paymentIntents.retrieve(intent.id, {}, { maxNetworkRetries: 0 }));
  });

  it('points the SDK at an emulator already running', async () => {
    const config = loadConfig({ STRIPE_EMULATOR_URL: 'http://127.0.0.1:12111' });
    const stripe = await createStripeConnector(config, defaultStripeSettings).get();
    assert.deepEqual(
      [stripe.getApiField('host'), stripe.getApiField('port'), stripe.getApiField('protocol')],
      ['127.0.0.1', '12111', 'http'],
    );
  });

  it('talks to Stripe itself with a test key, with a short timeout and one retry', async () => {
    // Building the client sends nothing: the host is only where requests would go.
    const stripe = await createStripeConnector(
      loadConfig({ STRIPE_SECRET_KEY: 'sk_test_51abc' }),
      defaultStripeSettings,
    ).get();
    assert.equal(stripe.getApiField('host'), 'api.stripe.com');
    assert.equal(stripe.getApiField('timeout'), 5000);
    assert.equal(stripe.getMaxNetworkRetries(), 1);
  });
});

describe('the demo without any settings', () => {
  it('runs offline on its own emulator', async () => {
    const handler = createDemoHandler({ env: {} });
    assert.equal(handler.mode, 'emulator');
    const response = await handler(
      new Request('http://localhost/api/demo/payments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ amount: 2000 }),
      }),
    );
    assert.equal(response.status, 201);
    await handler.close();
  });
});
