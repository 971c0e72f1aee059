/**
 * Hostile input, generated: random and malformed bodies, content types, methods, paths, ids and
 * Idempotency-Keys at every route of the handler, with the emulator behind it. Whatever comes in, the answer is
 * a 4xx in the demo's error shape, without a stack trace or a path, and it comes promptly.
 *
 * Deterministic by default (a fixed seed); FC_SEED=<n> explores another part of the input space and FC_RUNS=<n>
 * changes the number of cases per property.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import fc from 'fast-check';
import { demoTag } from './actions.ts';
import type { DemoHandler } from './index.ts';
import {
  assertRefusal,
  createDemoPayment,
  demoRequest,
  fcSeed as seed,
  send,
  startFixture,
  type Answer,
  type Fixture,
} from './test-support.ts';
import { createPaymentBody } from './validation.ts';

const numRuns = Number(process.env.FC_RUNS ?? 300);

let fixture: Fixture;
let handler: DemoHandler;

/** Objects the properties aim at; none of them can be refunded or canceled, so every answer must be a refusal. */
interface Targets {
  /** Demo payments a refund must fail on, and why. */
  unrefundable: { id: string; why: string }[];
  /** A gbp demo payment with 600 of 1000 left: any amount above 600 is too much. */
  partlyRefunded: { id: string; left: number };
  /** A PaymentIntent made with the SDK, without the demo's tag. */
  outsiderPayment: string;
  outsiderCharge: string;
  /** A refund waiting for action (cancelable in Stripe's eyes) on the outsider's payment. */
  outsiderRefund: string;
  /** A succeeded card refund the demo made: never cancelable. */
  demoRefund: string;
}
let targets: Targets;

before(async () => {
  fixture = await startFixture({ refundDelayMs: 20 });
  handler = fixture.demo({ stripe: { timeoutMs: 2000, maxNetworkRetries: 0 } });
  const refundAll = async (id: string, body: object = {}) => {
    const answer = await send(handler, demoRequest(`/api/demo/payments/${id}/refunds`, { body }));
    assert.equal(answer.status, 201, answer.text);
    return answer.body.refund.id as string;
  };
  const usd = await createDemoPayment(handler, { amount: 1000 });
  const demoRefund = await refundAll(usd.id);
  const eur = await createDemoPayment(handler, { amount: 5000, currency: 'eur' });
  await refundAll(eur.id);
  const pending = await createDemoPayment(handler, { amount: 700, currency: 'gbp', scenario: 'refund_pending' });
  await refundAll(pending.id);
  const disputed = await createDemoPayment(handler, { amount: 2000, scenario: 'disputed' });
  const gbp = await createDemoPayment(handler, { amount: 1000, currency: 'gbp' });
  await refundAll(gbp.id, { amount: 400 });
  // The demo can't make a payment from a declined card (Stripe refuses it); one tagged by hand stands in for it.
  const declined = await fixture.stripe.paymentIntents
    .create({
      amount: 2000,
      currency: 'eur',
      payment_method: 'pm_card_chargeDeclined',
      confirm: true,
      allowed_payment_method_types: ['card'],
      metadata: { demo: demoTag },
    })
    .catch((error: { payment_intent?: { id: string } }) => error.payment_intent);
  assert.ok(declined);
  const outsider = await fixture.stripe.paymentIntents.create({
    amount: 3000,
    currency: 'usd',
    payment_method: 'pm_card_refundRequiresAction',
    confirm: true,
    allowed_payment_method_types: ['card'],
  });
  const outsiderRefund = await fixture.stripe.refunds.create({ payment_intent: outsider.id, amount: 100 });
  targets = {
    unrefundable: [
      { id: usd.id, why: 'refunded in full (usd)' },
      { id: eur.id, why: 'refunded in full (eur)' },
      { id: pending.id, why: 'refunded in full, refund pending (gbp)' },
      { id: disputed.id, why: 'disputed' },
      { id: declined.id, why: 'declined' },
      { id: outsider.id, why: 'not the demo’s' },
    ],
    partlyRefunded: { id: gbp.id, left: 600 },
    outsiderPayment: outsider.id,
    outsiderCharge: String(outsider.latest_charge),
    outsiderRefund: outsiderRefund.id,
    demoRefund,
  };
});

after(async () => {
  try {
    await checkNothingMoved();
  } finally {
    await fixture.close();
  }
});

/** Nothing the properties sent may have moved money, and nothing failed on the demo's side. */
async function checkNothingMoved(): Promise<void> {
  const outsider = await fixture.stripe.paymentIntents.retrieve(targets.outsiderPayment, { expand: ['latest_charge'] });
  assert.equal(
    (outsider.latest_charge as { amount_refunded: number }).amount_refunded,
    100,
    'only the refund made by hand',
  );
  assert.equal((await fixture.stripe.refunds.retrieve(targets.outsiderRefund)).status, 'requires_action', 'left alone');
  const gbp = await fixture.stripe.paymentIntents.retrieve(targets.partlyRefunded.id, { expand: ['latest_charge'] });
  assert.equal(
    (gbp.latest_charge as { amount_refunded: number }).amount_refunded,
    400,
    'no over-refund slipped through',
  );
  assert.deepEqual(
    fixture.logs.filter((line) => / → 5\d\d /.test(line)),
    [],
    'no request failed on the demo’s side',
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Generators

/** A header value as a Node server hands it on: bytes 0x20-0xFF and tabs (UTF-8 arrives as Latin-1 characters). */
const headerText = (maxLength: number, minLength = 0) =>
  fc.string({
    minLength,
    maxLength,
    unit: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) },
      { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)) },
      { weight: 1, arbitrary: fc.constant('\t') },
    ),
  });
const asReceived = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** Amounts no endpoint takes: negative, zero, fractional, beyond the range or not numbers at all (as JSON text). */
const badAmountJson = fc.oneof(
  fc.integer({ min: -1_000_000, max: 0 }).map(String),
  fc.integer({ min: 100_001, max: Number.MAX_SAFE_INTEGER }).map(String),
  fc
    .double({ min: -1e6, max: 1e6, noNaN: true })
    .filter((n) => !Number.isInteger(n))
    .map(String),
  fc.constantFrom(
    '-0',
    '1e999',
    '-1e999',
    '9007199254740993',
    '1e21',
    '0.5',
    '49.999',
    '100000.0001',
    '123456789012345678901234567890',
  ),
  fc.constantFrom(
    '"NaN"',
    '"Infinity"',
    '"2500"',
    '" 2500"',
    '"0x9c4"',
    'null',
    'true',
    'false',
    '[]',
    '[2500]',
    '{}',
    '{"value":2500}',
  ),
  // Not JSON at all, inside an otherwise JSON body.
  fc.constantFrom('NaN', 'Infinity', '-Infinity', 'undefined', '0x9c4', '2_500', '+2500', '.5', '2500n', "'2500'"),
);

/** Field values of the wrong kind or outside the allowed sets. */
const badValueJson = fc.oneof(
  badAmountJson,
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => JSON.stringify(text)),
  fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value) ?? 'null'),
  // Half of a UTF-16 pair, which JSON can spell but no request to Stripe can carry.
  fc
    .string({
      unit: fc.oneof(
        fc.constant('a'),
        fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
      ),
      minLength: 1,
      maxLength: 6,
    })
    .map((text) => JSON.stringify(text)),
  fc.constantFrom(
    '"USD "',
    '"cad"',
    '"us"',
    '"usd\\u0000"',
    '"SUCCEEDS"',
    '"succeeds "',
    '""',
    '"other"',
    '"requested by customer"',
  ),
);

const knownFields = ['amount', 'currency', 'scenario', 'reason', 'note'] as const;
const oddFields = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'Amount',
    'amount ',
    'metadata',
    'payment_intent',
    'charge',
    'expand',
    'id',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** A JSON object, as text, that mixes the known fields with bad values and unknown fields. */
const hostileObjectText = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...knownFields), badValueJson), { maxLength: 4 }),
    fc.array(fc.tuple(oddFields, badValueJson), { maxLength: 2 }),
    fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
  )
  .map(([known, odd, goodAmount]) => {
    const members = [...known, ...odd].map(([key, value]) => `${JSON.stringify(key)}:${value}`);
    if (goodAmount !== undefined) members.unshift(`"amount":${goodAmount}`);
    return `{${members.join(',')}}`;
  });

/** Text that is JSON in places and not in others. */
/** Bodies worth trying on every route, every time: each has broken something somewhere. */
const nastyTexts = [
  '{"amount": 2500,}',
  '{"amount": 2500',
  "{'amount': 2500}",
  '{amount: 2500}',
  '{"amount": 2500}{"amount": 2500}',
  '{"amount": 10, "amount": 2500}',
  '\uFEFF{"amount": 2500}',
  '{"__proto__": {"amount": 2500}}',
  '{"constructor": {"prototype": {"amount": 2500}}}',
  '[{"amount": 2500}]',
  '"{\\"amount\\": 2500}"',
  'amount=2500&currency=usd',
  '<amount>2500</amount>',
  '   ',
  '\u0000',
  '{"amount": 2500, "note": "\\ud800"}',
  `${'['.repeat(1500)}${']'.repeat(1500)}`,
  `${'{"a":'.repeat(600)}1${'}'.repeat(600)}`,
  '{"amount": 100, "reason": "other", "note": "\\udfff\\ud800"}',
  '{"amount": 100, "note": "\\u0000"}',
  '{"amount": 100, "note": "a\\u0000b%00&amount=99999"}',
  '{"amount": 100, "note": "\\u202e\\u200b\\ufeff"}',
  '{"amount": 100, "note": "metadata[demo]=x&expand[]=customer"}',
  '{"amount": 100, "reason": "requested_by_customer", "note": "😀"}',
];

const brokenJsonText = fc.oneof(
  fc.constantFrom(...nastyTexts),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
);

interface BodySpec {
  label: string;
  make(): BodyInit | null;
  /** The body's text, when it is one, for the schema oracle. */
  text?: string;
  /** A Content-Length to claim, true or not. */
  contentLength?: string;
  stream?: true;
}

const textBody =
  (label: string) =>
  (text: string): BodySpec => ({ label: `${label} (${text.length} chars)`, text, make: () => text });

const bigSizes = [4097, 20_000, 65_536, 1_048_576, 1_048_577] as const;

/** A JSON body of `size` bytes, claiming `contentLength` (true or not) if given. */
function bigBody(size: number, contentLength: string | undefined): BodySpec {
  return {
    label: `${size}-byte body, Content-Length ${contentLength ?? 'absent'}`,
    make: () => `{"amount":2500,"note":"${'x'.repeat(Math.max(0, size - 26))}"}`,
    ...(contentLength !== undefined && { contentLength }),
  };
}

const streamBodies: BodySpec[] = [
  {
    label: 'an endless stream',
    stream: true,
    make: () =>
      new ReadableStream<Uint8Array>({ pull: (controller) => controller.enqueue(new Uint8Array(1024).fill(0x20)) }),
  },
  {
    label: 'a stream that breaks off (the client hung up)',
    stream: true,
    make: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"amount": 25'));
          controller.error(new Error('aborted'));
        },
      }),
  },
  { label: 'no body', make: () => null },
];

const bodySpec: fc.Arbitrary<BodySpec> = fc.oneof(
  { weight: 6, arbitrary: hostileObjectText.map(textBody('hostile object')) },
  { weight: 3, arbitrary: brokenJsonText.map(textBody('broken JSON')) },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ maxLength: 300 })
      .map((bytes): BodySpec => ({ label: `${bytes.length} random bytes`, make: () => bytes.slice() })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...bigSizes), fc.constantFrom(undefined, 'honest', '10', '0', '-1', 'abc', '1e10'))
      .map(([size, claim]) => bigBody(size, claim === 'honest' ? String(size) : claim)),
  },
  { weight: 1, arbitrary: fc.constantFrom(...streamBodies) },
);

const contentType = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      ' application/json ; charset=UTF-16',
      'application/json;',
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      '',
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json-patch+json',
      'application/jsonx',
      'application/xml',
      '*/*',
      ';application/json',
    ),
  },
  { weight: 1, arbitrary: headerText(60) },
);

const method = fc.constantFrom(
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'HEAD',
  'OPTIONS',
  'PROPFIND',
  'X-DEMO',
  'post',
);

/** Whether a body would legitimately create a payment: the one request the hostile properties must not send. */
function createsPayment(spec: BodySpec, type: string | undefined): boolean {
  if (
    spec.text === undefined ||
    type === undefined ||
    type.split(';', 1)[0]?.trim().toLowerCase() !== 'application/json'
  )
    return false;
  try {
    // The handler decodes UTF-8 as TextDecoder does, which drops a leading byte order mark.
    return createPaymentBody.schema.safeParse(JSON.parse(spec.text.replace(/^\uFEFF/, ''))).success;
  } catch {
    return false;
  }
}

function requestWith(url: string, verb: string, spec: BodySpec | undefined, headers: Record<string, string>): Request {
  const init: RequestInit & { duplex?: 'half' } = { method: verb, headers: { ...headers } };
  if (spec && verb !== 'GET' && verb !== 'HEAD') {
    const body = spec.make();
    if (body !== null) init.body = body;
    if (spec.stream) init.duplex = 'half';
    if (spec.contentLength !== undefined)
      (init.headers as Record<string, string>)['content-length'] = spec.contentLength;
  }
  return new Request(url, init);
}

/** What a refusal may quote back: the path (raw and decoded), the id in it, the method. */
function echoesOf(request: Request, id?: string): string[] {
  const { pathname } = new URL(request.url);
  const echoes = [pathname, request.method, safeDecode(pathname)];
  if (id !== undefined) echoes.push(id, safeDecode(id));
  // Longest first, so a quoted path goes before the id inside it.
  return echoes.sort((a, b) => b.length - a.length);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** What the properties' answers were, per test: `404 not_found` → count. */
let tally = new Map<string, number>();

/** Runs one property, counting its cases, and reports the count and the answers in the test's output. */
async function check<T>(
  t: TestContext,
  arbitrary: fc.Arbitrary<T>,
  run: (value: T) => Promise<void>,
  runs = numRuns,
): Promise<void> {
  let cases = 0;
  tally = new Map();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      cases += 1;
      await run(value);
    }),
    { seed, numRuns: runs },
  );
  const answers = [...tally].sort((a, b) => b[1] - a[1]).map(([answer, count]) => `${answer} ×${count}`);
  t.diagnostic(`${cases} cases (seed ${seed}): ${answers.join(', ')}`);
}

/** Sends and checks: a 4xx (or one of `statuses`) in the error shape. */
async function refused(
  request: Request,
  options: { id?: string; statuses?: readonly number[]; clientId?: string } = {},
): Promise<Answer> {
  const answer = await send(handler, request, options.clientId ?? 'fuzz');
  const label = `${answer.status} ${answer.body?.error?.code}`;
  tally.set(label, (tally.get(label) ?? 0) + 1);
  assertRefusal(answer, {
    echoed: echoesOf(request, options.id),
    ...(options.statuses && { statuses: options.statuses }),
  });
  return answer;
}

// ---------------------------------------------------------------------------------------------------------------

describe('hostile input, generated (fast-check)', () => {
  it('the nastiest bodies, each on every POST route', async (t) => {
    const paths = [
      '/api/demo/payments',
      ...targets.unrefundable.map(({ id }) => `/api/demo/payments/${id}/refunds`),
      `/api/demo/refunds/${targets.demoRefund}/cancel`,
      `/api/demo/refunds/${targets.outsiderRefund}/cancel`,
    ];
    const specs: BodySpec[] = [
      ...nastyTexts.map((text) => textBody('nasty')(text)),
      ...streamBodies,
      ...bigSizes.map((size) => bigBody(size, String(size))),
    ];
    let cases = 0;
    tally = new Map();
    for (const path of paths) {
      for (const spec of specs) {
        if (path === '/api/demo/payments' && createsPayment(spec, 'application/json')) continue;
        cases += 1;
        await refused(requestWith(`http://localhost${path}`, 'POST', spec, { 'content-type': 'application/json' }));
      }
    }
    t.diagnostic(`${cases} cases: ${[...tally].map(([answer, count]) => `${answer} ×${count}`).join(', ')}`);
  });

  it('bodies and content types: every POST route refuses with a 4xx', async (t) => {
    const route = fc.oneof(
      fc.constant({ path: '/api/demo/payments', creates: true }),
      fc.constantFrom(
        ...targets.unrefundable.map(({ id }) => ({ path: `/api/demo/payments/${id}/refunds`, creates: false })),
      ),
      fc.constantFrom(
        ...[
          { path: `/api/demo/refunds/${targets.demoRefund}/cancel`, creates: false },
          { path: `/api/demo/refunds/${targets.outsiderRefund}/cancel`, creates: false },
          { path: '/api/demo/refunds/re_unknown123/cancel', creates: false },
        ],
      ),
    );
    await check(
      t,
      fc
        .record({ route, spec: bodySpec, type: contentType })
        .filter(({ route, spec, type }) => !(route.creates && createsPayment(spec, type))),
      async ({ route, spec, type }) => {
        const request = requestWith(
          `http://localhost${route.path}`,
          'POST',
          spec,
          type === undefined ? {} : { 'content-type': type },
        );
        await refused(request);
      },
    );
  });

  it('methods and paths under /api/demo: 404, 405 with Allow, or another 4xx', async (t) => {
    const segment = fc.oneof(
      fc.constantFrom(
        'payments',
        'refunds',
        'cancel',
        'status',
        'pi_123',
        're_123',
        '..',
        '.',
        '',
        '%2F',
        '%2e%2e',
        '%',
        '%zz',
        '%00',
        '%C0%AF',
        ';',
        '~',
        'payments.json',
      ),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 30 }).map((text) => encodeURIComponent(text)),
    );
    const path = fc.oneof(
      // The real routes' shapes with something odd in them, so the answers aren't all "no such endpoint"…
      fc
        .tuple(
          fc.constantFrom(
            'payments',
            'payments/{}',
            'payments/{}/refunds',
            'refunds/{}/cancel',
            'refunds/{}',
            'payments/{}/refunds/{}',
          ),
          segment,
          fc.boolean(),
        )
        .map(([shape, odd, slash]) => `/api/demo/${shape.replaceAll('{}', odd)}${slash ? '/' : ''}`),
      // …and anything at all under /api/demo.
      fc.array(segment, { minLength: 0, maxLength: 6 }).map((segments) => `/api/demo/${segments.join('/')}`),
    );
    const origin = fc.record(
      {
        origin: fc.constantFrom('https://evil.example', 'http://localhost', 'null', 'http://localhost:4321'),
        'sec-fetch-site': fc.constantFrom('cross-site', 'same-site', 'same-origin', 'none', 'bogus'),
      },
      { requiredKeys: [] },
    );
    await check(
      t,
      fc
        .record({
          verb: method,
          path,
          spec: bodySpec,
          type: contentType,
          headers: origin,
          query: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        })
        .filter(({ verb, spec, type }) => !(verb.toUpperCase() === 'POST' && createsPayment(spec, type))),
      async ({ verb, path, spec, type, headers, query }) => {
        const raw = `http://localhost${path}${query === undefined ? '' : `?${query}`}`;
        // A path no URL can hold is no request at all: discard the case, so fast-check counts it and draws another.
        fc.pre(URL.canParse(raw));
        const url = new URL(raw).href;
        const request = requestWith(url, verb, spec, {
          ...headers,
          ...(type !== undefined && { 'content-type': type }),
        });
        await refused(request);
      },
    );
  });

  it('ids: random, unicode, very long, shaped but unknown, or naming the wrong kind of object', async (t) => {
    const id = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
      fc.stringMatching(/^(pi|re|ch|txn|cus|pm)_[A-Za-z0-9]{1,260}$/),
      fc.integer({ min: 1000, max: 20_000 }).map((length) => `pi_${'A'.repeat(length)}`),
      fc.integer({ min: 1, max: 5000 }).map((length) => 'é'.repeat(length)),
      fc.constantFrom(
        'pi_',
        're_',
        'pi_123/../../v1/customers',
        'pi_123%2F..%2F..%2Fv1%2Fcustomers',
        'pi_123?expand[]=customer',
        'pi_123#x',
        'pi_ 123',
        'pi_123\u0000',
        'pi_١٢٣',
        'pi_ｆｕｌｌ',
        'PI_123',
        '%',
        '%E0%A4%A',
      ),
      fc.constantFrom(
        ...[
          targets.outsiderPayment,
          targets.outsiderCharge,
          targets.outsiderRefund,
          targets.demoRefund,
          `${targets.outsiderPayment}x`,
          targets.outsiderPayment.toUpperCase(),
          ...targets.unrefundable.map(({ id }) => id.replace('pi_', 're_')),
        ],
      ),
    );
    const route = fc.constantFrom('read', 'refund', 'cancel');
    // Below a payment's minimum: an id that cuts the path short (`#`, `?`) can't make the refund a new payment.
    const amount = fc.option(fc.integer({ min: 1, max: 49 }), { nil: undefined });
    await check(t, fc.record({ id, route, encode: fc.boolean(), amount }), async ({ id, route, encode, amount }) => {
      const segment = encode ? encodeURIComponent(id) : id;
      const path =
        route === 'read'
          ? `/api/demo/payments/${segment}`
          : route === 'refund'
            ? `/api/demo/payments/${segment}/refunds`
            : `/api/demo/refunds/${segment}/cancel`;
      fc.pre(URL.canParse(`http://localhost${path}`));
      const url = new URL(`http://localhost${path}`);
      // A demo refund's id on the refund routes is the one id here that names a real demo object: its cancel is a 409.
      const body = route === 'refund' ? (amount === undefined ? {} : { amount }) : route === 'cancel' ? {} : undefined;
      const request = demoRequest(url.pathname + url.search, { ...(body !== undefined && { body }) });
      await refused(request, { id });
    });
  });

  it('objects the demo didn’t make, and payments of another currency or scenario, are refused as such', async (t) => {
    const attack = fc.oneof(
      fc.record({
        kind: fc.constant('refund' as const),
        target: fc.constantFrom(...targets.unrefundable),
        body: fc.record(
          {
            amount: fc.integer({ min: 1, max: 100_000 }),
            reason: fc.constantFrom('duplicate', 'fraudulent', 'requested_by_customer'),
            note: fc.string({ minLength: 1, maxLength: 50 }).filter((note) => note.trim().length > 0),
          },
          { requiredKeys: [] },
        ),
      }),
      fc.record({
        kind: fc.constant('overRefund' as const),
        amount: fc.integer({ min: 601, max: 100_000 }),
      }),
      fc.record({
        kind: fc.constant('cancel' as const),
        target: fc.constantFrom(
          ...[
            { id: targets.outsiderRefund, status: 404 },
            { id: targets.demoRefund, status: 409 },
          ],
        ),
      }),
      fc.record({ kind: fc.constant('read' as const), target: fc.constantFrom(...[targets.outsiderPayment]) }),
    );
    const idempotencyKey = fc.option(
      fc.string({ minLength: 1, maxLength: 40 }).filter((key) => key.trim() === key && key.length > 0),
      { nil: undefined },
    );
    await check(t, fc.record({ attack, idempotencyKey }), async ({ attack, idempotencyKey }) => {
      const headers: Record<string, string> = idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey };
      switch (attack.kind) {
        case 'refund': {
          const { id, why } = attack.target;
          const request = demoRequest(`/api/demo/payments/${id}/refunds`, { body: attack.body, headers });
          const answer = await refused(request, { id });
          // Refused before Stripe is asked to refund: the key plays no part.
          if (why === 'not the demo’s') assert.equal(answer.body.error.code, 'not_found');
          else if (why === 'declined') assert.equal(answer.body.error.code, 'payment_not_refundable');
          else {
            // Stripe refuses the refund itself; a key reused with other fields is refused first.
            const expected = why === 'disputed' ? 'payment_disputed' : 'already_refunded';
            assert.ok([expected, 'idempotency_key_reused'].includes(answer.body.error.code), answer.text);
          }
          break;
        }
        case 'overRefund': {
          const { id, left } = targets.partlyRefunded;
          const request = demoRequest(`/api/demo/payments/${id}/refunds`, { body: { amount: attack.amount }, headers });
          const answer = await refused(request, { id });
          if (answer.body.error.code !== 'idempotency_key_reused') {
            assert.equal(answer.body.error.code, 'amount_too_large', answer.text);
            assert.match(answer.body.error.message, new RegExp(`only £${(left / 100).toFixed(2)}`));
          }
          break;
        }
        case 'cancel': {
          const request = demoRequest(`/api/demo/refunds/${attack.target.id}/cancel`, { method: 'POST', headers });
          await refused(request, { id: attack.target.id, statuses: [attack.target.status, 409] });
          break;
        }
        case 'read':
          assert.equal(
            (await refused(demoRequest(`/api/demo/payments/${attack.target}`), { id: attack.target, statuses: [404] }))
              .body.error.code,
            'not_found',
          );
          break;
      }
    });
  });

  it('Idempotency-Key headers: empty, 256+ characters, unicode, odd bytes', async (t) => {
    const key = fc.oneof(
      fc.constantFrom(
        '',
        ' ',
        '\t',
        'k'.repeat(255),
        'k'.repeat(256),
        asReceived('🔑'.repeat(63)),
        asReceived('🔑'.repeat(64)),
        'demo-'.padEnd(255, '0'),
      ),
      headerText(300, 1),
      fc
        .string({ unit: 'binary', minLength: 1, maxLength: 120 })
        .map(asReceived)
        // No HTTP header can hold these three.
        .filter((text) => !/[\0\r\n]/.test(text)),
      fc.integer({ min: 256, max: 10_000 }).map((length) => 'x'.repeat(length)),
      fc.uuid(),
    );
    const target = fc.constantFrom(
      ...[
        { path: '/api/demo/payments', body: { amount: 10 } },
        { path: '/api/demo/payments', body: { amount: 2500, currency: 'jpy' } },
        ...targets.unrefundable.map(({ id }) => ({ path: `/api/demo/payments/${id}/refunds`, body: { amount: 100 } })),
        { path: `/api/demo/payments/${targets.partlyRefunded.id}/refunds`, body: { amount: 601 } },
        { path: `/api/demo/refunds/${targets.demoRefund}/cancel`, body: {} },
      ],
    );
    const clientId = fc.oneof(
      fc.constantFrom('fuzz', '', 'anonymous', '__proto__', '::1'),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    await check(t, fc.record({ key, target, clientId }), async ({ key, target, clientId }) => {
      const request = demoRequest(target.path, { body: target.body, headers: { 'idempotency-key': key } });
      const sent = request.headers.get('idempotency-key') ?? '';
      const answer = await refused(request, { clientId });
      if (sent.length === 0 || sent.length > 255)
        assert.equal(answer.body.error.code, 'invalid_idempotency_key', `key of ${sent.length} chars: ${answer.text}`);
      else
        assert.notEqual(
          answer.body.error.code,
          'invalid_idempotency_key',
          `key of ${sent.length} chars: ${answer.text}`,
        );
    });
  });
});
