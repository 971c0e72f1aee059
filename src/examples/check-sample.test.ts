/** The runner end to end on small samples: the real curl and the real SDK against the real emulator. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import Stripe from 'stripe';
import { startEmulator, type Emulator } from '../emulator/index.ts';
import { checkSample, type Target } from './check-sample.ts';
import { extractFences } from './extract.ts';
import { planFile } from './plan.ts';

const v = Stripe.API_VERSION;
let emulator: Emulator;
let target: Target;

before(async () => {
  emulator = await startEmulator({ refundDelayMs: 60_000 });
  const apiKey = `sk_test_${'runner'.padEnd(24, '0')}`;
  target = {
    stripe: new Stripe(apiKey, { host: '127.0.0.1', port: emulator.port, protocol: 'http' }),
    emulator: true,
    apiKey,
    apiVersion: v,
    emulatorUrl: emulator.url,
    realCurl: execFileSync('sh', ['-c', 'command -v curl']).toString().trim(),
  };
});
after(() => emulator.close());

async function verdicts(markdown: string) {
  const plan = planFile(extractFences('test.md', markdown));
  return Promise.all(plan.samples.map((sample) => checkSample(sample, target)));
}

const curlRefund = (amount: number) =>
  `\`\`\`bash\ncurl https://api.stripe.com/v1/refunds \\\n  -u sk_test_...: \\\n  -H "Stripe-Version: ${v}" \\\n  -d payment_intent=pi_123 \\\n  -d amount=${amount}\n\`\`\``;
const node = (body: string) =>
  `\`\`\`js\nimport Stripe from 'stripe';\n\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY, { apiVersion: '${v}' });\n\n${body}\n\`\`\``;
const excerpt = (json: object) => `\`\`\`json\n${JSON.stringify(json, null, 2)}\n\`\`\``;

describe('checkSample', () => {
  it('passes a curl sample on a fresh payment whose excerpt matches', async () => {
    const text = [
      curlRefund(4000),
      excerpt({ id: 're_456', amount: 4000, payment_intent: 'pi_123', status: 'succeeded' }),
    ].join('\n\n');
    assert.deepEqual(await verdicts(text), [{ kind: 'passed' }]);
  });

  it('passes a Node sample run through the real SDK, and fails one whose excerpt is wrong', async () => {
    const body =
      "const refund = await stripe.refunds.create({ payment_intent: 'pi_123', amount: 2500 });\nconsole.log(refund.status);";
    assert.deepEqual(await verdicts([node(body), excerpt({ object: 'refund', amount: 2500 })].join('\n\n')), [
      { kind: 'passed' },
    ]);
    const [wrong] = await verdicts([node(body), excerpt({ object: 'refund', amount: 3000 })].join('\n\n'));
    assert.deepEqual(wrong, { kind: 'failed', why: ['excerpt (block 2): amount: shows 3000, response has 2500'] });
  });

  it('fails a sample whose request Stripe refuses, and one that does not pin the API version', async () => {
    const [tooMuch] = await verdicts(curlRefund(20_000));
    assert.equal(tooMuch?.kind, 'failed');
    assert.match(
      tooMuch?.kind === 'failed' ? (tooMuch.why[0] ?? '') : '',
      /request 1 failed with 400: Refund amount \(\$200\.00\)/,
    );
    const [unpinned] = await verdicts(
      "```js\nimport Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY);\n```",
    );
    assert.equal(unpinned?.kind, 'failed');
  });

  it('skips a sample whose fixture only the emulator can make, when running against Stripe', async () => {
    const text = `\`\`\`bash example="re_123=refund-requiring-action"\ncurl -X POST https://api.stripe.com/v1/refunds/re_123/cancel -u sk_test_...: -H "Stripe-Version: ${v}"\n\`\`\``;
    const [onStripe] = await Promise.all(
      planFile(extractFences('t.md', text)).samples.map((s) => checkSample(s, { ...target, emulator: false })),
    );
    assert.equal(onStripe?.kind, 'skipped');
    assert.deepEqual(await verdicts(text), [{ kind: 'passed' }]);
  });
});
