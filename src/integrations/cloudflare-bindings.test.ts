import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { feedbackDatabaseBinding, rateLimitBindings } from '../server/cloudflare/binding-names.ts';
import { wranglerConfig } from '../server/cloudflare/local.ts';
import { ConfigError } from '../server/config.ts';
import { withRateLimits, type RateLimitEntry } from './cloudflare-bindings.ts';

const declared: { vars: Record<string, unknown>; ratelimits: RateLimitEntry[] } = {
  vars: { SITE_NAME: 'Help' },
  ratelimits: [
    { name: 'FEEDBACK_RATE_LIMITER', namespace_id: '4101', simple: { limit: 1, period: 60 } },
    { name: 'DEMO_ACTIONS_RATE_LIMITER', namespace_id: '4102', simple: { limit: 1, period: 60 } },
    { name: 'DEMO_READS_RATE_LIMITER', namespace_id: '4103', simple: { limit: 1, period: 60 } },
    { name: 'SOMEONE_ELSES', namespace_id: '9', simple: { limit: 3, period: 10 } },
  ],
};

const limits = (config: typeof declared) => config.ratelimits.map(({ name, simple }) => [name, simple.limit]);

describe('withRateLimits', () => {
  it('writes the default limits when nothing is set, and the same numbers into vars', () => {
    const config = withRateLimits(declared, {});
    assert.deepEqual(limits(config), [
      ['FEEDBACK_RATE_LIMITER', 10],
      ['DEMO_ACTIONS_RATE_LIMITER', 20],
      ['DEMO_READS_RATE_LIMITER', 80],
      ['SOMEONE_ELSES', 3],
    ]);
    assert.deepEqual(config.vars, { SITE_NAME: 'Help', FEEDBACK_RATE_LIMIT: '10', DEMO_RATE_LIMIT: '20' });
  });

  it('sizes the bindings from the settings, and drops those whose setting is 0', () => {
    const config = withRateLimits(declared, { FEEDBACK_RATE_LIMIT: '0', DEMO_RATE_LIMIT: '5' });
    assert.deepEqual(limits(config), [
      ['DEMO_ACTIONS_RATE_LIMITER', 5],
      ['DEMO_READS_RATE_LIMITER', 20],
      ['SOMEONE_ELSES', 3],
    ]);
    assert.equal(config.vars.FEEDBACK_RATE_LIMIT, '0');
  });

  it('refuses a malformed setting, naming it', () => {
    assert.throws(
      () => withRateLimits(declared, { DEMO_RATE_LIMIT: 'lots' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /^DEMO_RATE_LIMIT: /);
        return true;
      },
    );
  });
});

describe('wrangler.jsonc', () => {
  it('declares the D1 database and every rate-limit binding the Worker reads, as wrangler reads it', () => {
    const { workerOptions } = unstable_getMiniflareWorkerOptions(wranglerConfig);
    assert.deepEqual(Object.keys(workerOptions.d1Databases ?? {}), [feedbackDatabaseBinding]);
    assert.deepEqual(
      Object.keys(workerOptions.ratelimits ?? {}).sort(),
      Object.values(rateLimitBindings)
        .map(({ name }) => name)
        .sort(),
    );
  });
});
