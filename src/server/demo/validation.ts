/**
 * What the demo accepts from a reader, checked before anything reaches Stripe: strict JSON objects (an unknown
 * field is an error, not ignored), whole amounts within the demo's range, and ids shaped like Stripe's. Every
 * refusal names the field and says what a valid value looks like.
 */
import { z } from 'zod';
import { DemoError } from './errors.ts';

export const currencies = ['usd', 'eur', 'gbp'] as const;
export const scenarios = ['succeeds', 'declined', 'disputed', 'refund_pending', 'refund_fails'] as const;
export const refundReasons = ['duplicate', 'fraudulent', 'requested_by_customer', 'other'] as const;

export type Scenario = (typeof scenarios)[number];

const help = {
  paymentAmount:
    "amount must be a whole number in the currency's smallest unit (cents for usd) from 50 to 100000, like 2500 for $25.00.",
  currency: `currency must be one of ${currencies.join(', ')}.`,
  scenario: `scenario must be one of ${scenarios.join(', ')}.`,
  refundAmount:
    "amount must be a whole number in the currency's smallest unit from 1 to 100000, like 500 for $5.00. Leave it out to refund everything that's left.",
  reason: `reason must be one of ${refundReasons.join(', ')}.`,
  note: 'note must be text of 1 to 500 characters.',
};

export const createPaymentSchema = z.strictObject({
  amount: z.number({ error: help.paymentAmount }).int({ error: help.paymentAmount }).min(50, { error: help.paymentAmount }).max(100_000, {
    error: help.paymentAmount,
  }),
  currency: z.enum(currencies, { error: help.currency }).default('usd'),
  scenario: z.enum(scenarios, { error: help.scenario }).default('succeeds'),
});

export const createRefundSchema = z
  .strictObject({
    amount: z.number({ error: help.refundAmount }).int({ error: help.refundAmount }).min(1, { error: help.refundAmount }).max(100_000, {
      error: help.refundAmount,
    }).optional(),
    reason: z.enum(refundReasons, { error: help.reason }).optional(),
    note: z.string({ error: help.note }).trim().min(1, { error: help.note }).max(500, { error: help.note }).optional(),
  })
  .refine((body) => body.reason !== 'other' || body.note !== undefined, {
    path: ['note'],
    error: 'A note is required when the reason is "other": say in a few words why you are refunding (up to 500 characters).',
  });

export const cancelRefundSchema = z.strictObject({});

export type CreatePayment = z.infer<typeof createPaymentSchema>;
export type CreateRefund = z.infer<typeof createRefundSchema>;

const paymentId = z.string().regex(/^pi_[A-Za-z0-9]{1,200}$/);
const refundId = z.string().regex(/^re_[A-Za-z0-9]{1,200}$/);
const idempotencyKey = z.string().min(1).max(255);

/** Parses a request body against `schema`, or throws a 400 naming the first field at fault. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DemoError(400, 'invalid_body', 'The request body must be a JSON object, like {"amount": 2500}.');
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new DemoError(400, 'invalid_body', 'The request body is not valid.');
  if (issue.code === 'unrecognized_keys') {
    const field = issue.keys[0] ?? '';
    const accepted = schema instanceof z.ZodObject ? Object.keys(schema.shape).join(', ') : '';
    return fail(400, 'unknown_field', `The field "${field}" isn't accepted here.${accepted ? ` Send only: ${accepted}.` : ''}`, field);
  }
  const field = issue.path.join('.');
  const absent = !(field in body);
  return fail(400, absent ? 'missing_field' : 'invalid_field', absent && issue.code === 'invalid_type' ? `${field} is required. ${issue.message}` : issue.message, field);
}

/** A payment id in the URL: anything not shaped like one can't name a demo payment. */
export function isPaymentId(id: string): boolean {
  return paymentId.safeParse(id).success;
}

export function isRefundId(id: string): boolean {
  return refundId.safeParse(id).success;
}

/** The optional Idempotency-Key header, 1 to 255 characters as Stripe allows. */
export function parseIdempotencyKey(header: string | null): string | undefined {
  if (header === null) return undefined;
  if (!idempotencyKey.safeParse(header).success) {
    throw new DemoError(400, 'invalid_idempotency_key', 'The Idempotency-Key header must be 1 to 255 characters long.', {
      param: 'Idempotency-Key',
    });
  }
  return header;
}

function fail(status: number, code: string, message: string, param: string): never {
  throw new DemoError(status, code, message, { param });
}
