import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, siteUrlFrom } from './config.ts';

/** Asserts that `env` is refused with a message naming `variable`, and returns the message. */
function refused(env: Record<string, string>, variable: string): string {
  let message = '';
  assert.throws(
    () => loadConfig(env),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, String(error));
      message = error.message;
      return true;
    },
  );
  assert.match(message, new RegExp(`^${variable}: `, 'm'), message);
  return message;
}

describe('loadConfig', () => {
  it('has a default for everything: the in-process emulator, 20 actions and 10 posts a minute, no proxy', () => {
    const config = loadConfig({});
    assert.deepEqual(config, {
      mode: 'emulator',
      stripeSecretKey: undefined,
      emulatorUrl: undefined,
      demoRateLimit: 20,
      feedbackRateLimit: 10,
      allowedOrigins: [],
      trustProxy: 0,
      dataDir: resolve('data'),
      databaseUrl: undefined,
      port: 4321,
      host: 'localhost',
      emulatorPort: 12111,
      emulatorRefundDelayMs: 2000,
      siteUrl: undefined,
      reportToken: undefined,
    });
    assert.deepEqual(loadConfig({ KB_DATA_DIR: '', FEEDBACK_RATE_LIMIT: ' ', PORT: '', HOST: '' }), { ...config });
  });

  it('reads every setting', () => {
    const config = loadConfig({
      STRIPE_SECRET_KEY: 'sk_test_51abc',
      STRIPE_EMULATOR_URL: 'http://127.0.0.1:12111',
      DEMO_RATE_LIMIT: '0',
      FEEDBACK_RATE_LIMIT: ' 3 ',
      DEMO_ALLOWED_ORIGINS: 'https://help.example.com, https://www.example.com/',
      TRUST_PROXY: '2',
      KB_DATA_DIR: '/srv/kb',
      PORT: '8080',
      HOST: '0.0.0.0',
      EMULATOR_PORT: '0',
      EMULATOR_REFUND_DELAY_MS: '50',
      SITE_URL: 'https://help.example.com',
    });
    assert.equal(config.mode, 'test', 'a key wins over an emulator URL');
    assert.equal(config.emulatorUrl?.port, '12111');
    assert.deepEqual(
      [
        config.demoRateLimit,
        config.feedbackRateLimit,
        config.trustProxy,
        config.port,
        config.emulatorPort,
        config.emulatorRefundDelayMs,
      ],
      [0, 3, 2, 8080, 0, 50],
    );
    assert.deepEqual(config.allowedOrigins, ['https://help.example.com', 'https://www.example.com']);
    assert.equal(config.dataDir, '/srv/kb');
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.siteUrl?.origin, 'https://help.example.com');
  });

  it('takes TRUST_PROXY as a number of proxies or a flag', () => {
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, 1);
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, 0);
    assert.equal(loadConfig({ TRUST_PROXY: '0' }).trustProxy, 0);
  });

  it('parses an environment object once', () => {
    let reads = 0;
    const env = new Proxy<Record<string, string>>(
      { DEMO_RATE_LIMIT: '5' },
      {
        get(target, name) {
          reads += 1;
          return Reflect.get(target, name);
        },
      },
    );
    assert.equal(loadConfig(env).demoRateLimit, 5);
    const readsFirst = reads;
    assert.ok(readsFirst > 0);
    assert.equal(loadConfig(env).demoRateLimit, 5);
    assert.equal(reads, readsFirst, 'the second call read nothing');
  });

  it('refuses a bad value naming the variable and the fix', () => {
    for (const value of ['lots', '-1', '1.5', '10/min']) {
      assert.match(
        refused({ DEMO_RATE_LIMIT: value }, 'DEMO_RATE_LIMIT'),
        /whole number of actions per minute, or 0 to turn the limit off/,
      );
      assert.match(refused({ FEEDBACK_RATE_LIMIT: value }, 'FEEDBACK_RATE_LIMIT'), /whole number of posts per minute/);
    }
    assert.match(refused({ STRIPE_EMULATOR_URL: 'ftp://x' }, 'STRIPE_EMULATOR_URL'), /http:\/\/127\.0\.0\.1:12111/);
    assert.match(refused({ DEMO_ALLOWED_ORIGINS: 'help.example.com' }, 'DEMO_ALLOWED_ORIGINS'), /separated by commas/);
    refused({ DEMO_ALLOWED_ORIGINS: 'https://help.example.com/path' }, 'DEMO_ALLOWED_ORIGINS');
    assert.match(refused({ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'), /number of proxies/);
    assert.match(refused({ PORT: '70000' }, 'PORT'), /0 to 65535/);
    refused({ EMULATOR_PORT: 'x' }, 'EMULATOR_PORT');
    refused({ SITE_URL: 'help.example.com' }, 'SITE_URL');
  });

  it('takes DATABASE_URL as a postgres:// or postgresql:// URL, and never shows its password', () => {
    const url = 'postgresql://kb:s3cret-pw@ep-quiet-1.eu-central-1.aws.neon.tech/kb?sslmode=require';
    assert.equal(loadConfig({ DATABASE_URL: ` ${url} ` }).databaseUrl, url);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://localhost/kb' }).databaseUrl, 'postgres://localhost/kb');
    assert.equal(loadConfig({ DATABASE_URL: '' }).databaseUrl, undefined);
    const wrongScheme = refused({ DATABASE_URL: 'mysql://kb:s3cret-pw@db.example.com/kb' }, 'DATABASE_URL');
    assert.match(wrongScheme, /postgres:\/\/user:password@host:5432\/database/);
    assert.match(wrongScheme, /it is "mysql:\/\/kb:\[redacted\]@db\.example\.com\/kb"/);
    const unparsed = refused({ DATABASE_URL: 'kb:s3cret-pw@db' }, 'DATABASE_URL');
    assert.match(unparsed, /not shown: it may hold a password/);
    for (const message of [wrongScheme, unparsed]) assert.ok(!message.includes('s3cret-pw'), message);
  });

  it('takes a REPORT_TOKEN of 32 characters or more, and refuses a shorter one without quoting it', () => {
    const token = 'Zq9x'.repeat(8);
    assert.equal(loadConfig({ REPORT_TOKEN: ` ${token} ` }).reportToken, token);
    assert.equal(loadConfig({ REPORT_TOKEN: '' }).reportToken, undefined);
    for (const short of ['Zq9x'.repeat(7), `${'Zq9x'.repeat(4)} ${'Zq9x'.repeat(4)}`]) {
      const message = refused({ REPORT_TOKEN: short }, 'REPORT_TOKEN');
      assert.match(message, /at least 32 characters/);
      assert.ok(!message.includes('Zq9x'), message);
    }
  });

  it('names every bad variable at once', () => {
    const message = refused({ DEMO_RATE_LIMIT: 'x', TRUST_PROXY: 'y' }, 'DEMO_RATE_LIMIT');
    assert.match(message, /^TRUST_PROXY: /m);
  });

  it('accepts test secret and restricted keys', () => {
    for (const key of ['sk_test_51Abc', 'rk_test_51Abc'])
      assert.equal(loadConfig({ STRIPE_SECRET_KEY: key }).stripeSecretKey, key);
    assert.equal(loadConfig({ STRIPE_SECRET_KEY: '' }).mode, 'emulator');
  });

  it('refuses live keys and non-secret keys, without quoting them', () => {
    for (const key of ['sk_live_' + '51Zq9xabc', 'rk_live_' + '51Zq9xabc', 'pk_test_51Zq9xabc', 'Zq9xabc']) {
      const message = refused({ STRIPE_SECRET_KEY: key }, 'STRIPE_SECRET_KEY');
      assert.ok(!message.includes('Zq9x'), message);
    }
    assert.match(refused({ STRIPE_SECRET_KEY: 'sk_live_x' }, 'STRIPE_SECRET_KEY'), /live-mode key/);
  });

  it('checks SITE_URL alone for the build, ignoring the server’s settings', () => {
    assert.equal(
      siteUrlFrom({ SITE_URL: 'https://help.example.com', DEMO_RATE_LIMIT: 'x' }),
      'https://help.example.com',
    );
    assert.equal(siteUrlFrom({}), undefined);
    assert.throws(() => siteUrlFrom({ SITE_URL: 'help.example.com' }), /^ConfigError: SITE_URL: use an http/);
  });
});
