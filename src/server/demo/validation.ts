/**
 * What the demo accepts from a reader, checked before anything reaches Stripe: strict JSON objects (an unknown
 * field is an error, not ignored), whole amounts within the demo's range, and ids shaped like Stripe's. Every
 * refusal names the field and says what a valid value looks like.
 */
import { z } from 'zod';
import { HttpError } from '../http/error.ts';
import type { BodySpec } from '../http/parse-body.ts';

export const currencies = ['usd', 'eur', 'gbp'] as const;
export const scenarios = ['succeeds', 'declined', 'disputed', 'refund_pending', 'refund_fails'] as const;
export const refundReasons = ['duplicate', 'fraudulent', 'requested_by_customer', 'other'] as const;

export type Scenario = (typeof scenarios)[number];

export const createPaymentBody = {
  schema: z.strictObject({
    amount: z.number().int().min(50).max(100_000),
    currency: z.enum(currencies).default('usd'),
    scenario: z.enum(scenarios).default('succeeds'),
  }),
  help: {
    amount: "a whole number in the currency's smallest unit (cents for usd) from 50 to 100000, like 2500 for $25.00",
    currency: `one of ${currencies.join(', ')}`,
    scenario: `one of ${scenarios.join(', ')}`,
  },
} satisfies BodySpec<z.ZodType>;

export const createRefundBody = {
  schema: z
    .strictObject({
      amount: z.number().int().min(1).max(100_000).optional(),
      reason: z.enum(refundReasons).optional(),
      note: z
        .string()
        .trim()
        .min(1)
        .max(500)
        // JSON can spell half a UTF-16 pair ("\ud800"), which no request to Stripe can carry: refuse it here.
        .refine((note) => note.isWellFormed(), {
          error:
            'note must be plain text: it contains half of an escaped character pair (like \\ud800) and nothing to complete it.',
        })
        .optional(),
    })
    .refine((body) => body.reason !== 'other' || body.note !== undefined, {
      path: ['note'],
      error:
        'A note is required when the reason is "other": say in a few words why you are refunding (up to 500 characters).',
    }),
  help: {
    amount:
      "a whole number in the currency's smallest unit from 1 to 100000, like 500 for $5.00; leave it out to refund everything that's left",
    reason: `one of ${refundReasons.join(', ')}`,
    note: 'text of 1 to 500 characters',
  },
} satisfies BodySpec<z.ZodType>;

export const cancelRefundBody = { schema: z.strictObject({}), help: {} } satisfies BodySpec<z.ZodType>;

export type CreatePayment = z.infer<typeof createPaymentBody.schema>;
export type CreateRefund = z.infer<typeof createRefundBody.schema>;

const paymentId = z.string().regex(/^pi_[A-Za-z0-9]{1,200}$/);
const refundId = z.string().regex(/^re_[A-Za-z0-9]{1,200}$/);
const idempotencyKey = z.string().min(1).max(255);

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
    throw new HttpError(
      400,
      'invalid_idempotency_key',
      'The Idempotency-Key header must be 1 to 255 characters long.',
      {
        param: 'Idempotency-Key',
      },
    );
  }
  return header;
}
