/**
 * The demo's four actions against Stripe. Every object the demo makes is tagged in its metadata, and only tagged
 * objects are read, refunded or canceled: the demo can't become a window onto the account's other payments.
 */
import type Stripe from 'stripe';
import {
  amountTooLarge,
  isAmountRefusal,
  isStripeError,
  notCancelable,
  notFound,
  notRefundable,
  translateStripeError,
  type Subject,
} from './errors.ts';
import type { CreatePayment, CreateRefund, Scenario } from './validation.ts';
import { expanded, toDemoPayment, toDemoRefund, type DemoPayment, type DemoRefund } from './view.ts';
import { siteName } from '../../lib/site.ts';

export const demoTag = 'payments-help-center-refund-demo';

const testPaymentMethods: Readonly<Record<Scenario, string>> = {
  succeeds: 'pm_card_visa',
  declined: 'pm_card_chargeDeclined',
  disputed: 'pm_card_createDispute',
  refund_pending: 'pm_card_pendingRefund',
  refund_fails: 'pm_card_refundFail',
};

/** The fields a payment's view needs, fetched with the payment itself. */
const viewExpand = ['latest_charge.balance_transaction', 'latest_charge.refunds'];
/** The same, seen from a refund. */
const refundViewExpand = ['charge.balance_transaction', 'charge.refunds', 'payment_intent'];

export interface RefundResult {
  refund: DemoRefund;
  payment: DemoPayment;
}

export interface DemoActions {
  createPayment(input: CreatePayment, idempotencyKey?: string): Promise<DemoPayment>;
  getPayment(id: string): Promise<DemoPayment>;
  refundPayment(id: string, input: CreateRefund, idempotencyKey?: string): Promise<RefundResult>;
  cancelRefund(id: string, idempotencyKey?: string): Promise<RefundResult>;
}

export function createDemoActions(stripe: () => Promise<Stripe>): DemoActions {
  async function getPayment(id: string): Promise<DemoPayment> {
    const client = await stripe();
    const paymentIntent = await demoPaymentIntent(client, id, viewExpand);
    return toDemoPayment(paymentIntent, await refundsOf(client, expanded(paymentIntent.latest_charge)));
  }

  return {
    async createPayment({ amount, currency, scenario }, idempotencyKey) {
      const client = await stripe();
      const paymentIntent = await call('payment', '', () =>
        client.paymentIntents.create(
          {
            amount,
            currency,
            payment_method: testPaymentMethods[scenario],
            // Cards need no redirect; saying so lets Stripe confirm without a return_url.
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            confirm: true,
            description: `${siteName} refund demo`,
            metadata: { demo: demoTag, scenario },
            expand: ['latest_charge.balance_transaction'],
          },
          requestOptions(idempotencyKey),
        ),
      );
      return toDemoPayment(paymentIntent, []);
    },

    getPayment,

    async refundPayment(id, { amount, reason, note }, idempotencyKey) {
      const client = await stripe();
      const paymentIntent = await demoPaymentIntent(client, id, []);
      if (paymentIntent.status !== 'succeeded') throw notRefundable(paymentIntent.status);
      try {
        const refund = await client.refunds.create(
          {
            payment_intent: id,
            ...(amount !== undefined && { amount }),
            // Stripe's reasons are duplicate, fraudulent and requested_by_customer; the Dashboard's "Other" is
            // no reason at all on the API, so the demo sends none and records the choice in metadata instead.
            ...(reason !== undefined && reason !== 'other' && { reason }),
            metadata: { demo: demoTag, ...(reason === 'other' && { reason }), ...(note !== undefined && { note }) },
            expand: refundViewExpand,
          },
          requestOptions(idempotencyKey),
        );
        return await refundResult(client, refund, paymentIntent);
      } catch (error) {
        if (amount !== undefined && isAmountRefusal(error)) {
          // Stripe's message has the numbers, but in its words; a fresh look gives them for ours.
          const payment = await getPayment(id);
          if (amount > payment.refundable) throw amountTooLarge(amount, payment.refundable, payment.currency);
        }
        throw translateStripeError(error, 'payment', id);
      }
    },

    async cancelRefund(id, idempotencyKey) {
      const client = await stripe();
      const refund = await call('refund', id, () => client.refunds.retrieve(id));
      if (refund.metadata?.demo !== demoTag) throw notFound('refund', id);
      try {
        const canceled = await client.refunds.cancel(id, { expand: refundViewExpand }, requestOptions(idempotencyKey));
        return await refundResult(client, canceled);
      } catch (error) {
        // Stripe refuses to cancel with a plain invalid_request_error; its only cause is the refund's status.
        if (isStripeError(error) && error.type === 'StripeInvalidRequestError' && !error.code)
          throw notCancelable(refund.status);
        throw translateStripeError(error, 'refund', id);
      }
    },
  };
}

/** A payment intent the demo made, or a 404 that doesn't say whether the id exists outside the demo. */
async function demoPaymentIntent(client: Stripe, id: string, expand: string[]): Promise<Stripe.PaymentIntent> {
  const paymentIntent = await call('payment', id, () =>
    client.paymentIntents.retrieve(id, expand.length ? { expand } : {}),
  );
  if (paymentIntent.metadata.demo !== demoTag) throw notFound('payment', id);
  return paymentIntent;
}

async function refundResult(
  client: Stripe,
  refund: Stripe.Refund,
  paymentIntent?: Stripe.PaymentIntent,
): Promise<RefundResult> {
  const charge = expanded(refund.charge);
  const owner = paymentIntent ?? expanded(refund.payment_intent);
  if (!charge || !owner) throw new Error('Stripe returned a refund without its charge and payment intent expanded.');
  return {
    refund: toDemoRefund(refund),
    payment: toDemoPayment({ ...owner, latest_charge: charge }, await refundsOf(client, charge)),
  };
}

/** The charge's refunds, newest first: the expanded first page, or up to 100 when there are more. */
async function refundsOf(client: Stripe, charge: Stripe.Charge | undefined): Promise<Stripe.Refund[]> {
  if (!charge?.refunds) return [];
  if (!charge.refunds.has_more) return charge.refunds.data;
  const page = await call('payment', String(charge.payment_intent), () =>
    client.refunds.list({ charge: charge.id, limit: 100 }),
  );
  return page.data;
}

async function call<T>(subject: Subject, id: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw translateStripeError(error, subject, id);
  }
}

function requestOptions(idempotencyKey: string | undefined): Stripe.RequestOptions {
  return idempotencyKey === undefined ? {} : { idempotencyKey };
}
