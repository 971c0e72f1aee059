/**
 * Stripe objects as the API returns them. Each builder fills every field of the SDK's type, so the emulator's
 * objects carry the same field set as Stripe's; behavior lives in payments.ts and refunds.ts.
 */
import type Stripe from 'stripe';
import { genericDecline, type TestCard } from './cards.ts';
import { newId } from './ids.ts';
import { noBillingDetails } from './wallet-objects.ts';

interface PaymentIntentInput {
  amount: number;
  currency: string;
  created: number;
  metadata: Record<string, string>;
  description: string | null;
  paymentMethod: string | null;
  allowedPaymentMethodTypes: string[] | null;
  automaticPaymentMethods: Stripe.PaymentIntent.AutomaticPaymentMethods | null;
}

export function paymentIntentObject(input: PaymentIntentInput): Stripe.PaymentIntent {
  const id = newId('pi_');
  return {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: input.allowedPaymentMethodTypes,
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: input.automaticPaymentMethods,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_${newId('', 25)}`,
    confirmation_method: 'automatic',
    created: input.created,
    currency: input.currency,
    customer: null,
    customer_account: null,
    description: input.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: input.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    // The emulator only has cards to offer, whatever was allowed.
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: input.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    transfer_group: null,
  };
}

interface ChargeInput {
  paymentIntent: Stripe.PaymentIntent;
  paymentMethod: string;
  card: TestCard;
  created: number;
  balanceTransaction: string | null;
}

export const declineMessage = genericDecline.message;

export function chargeObject({
  paymentIntent,
  paymentMethod,
  card,
  created,
  balanceTransaction,
}: ChargeInput): Stripe.Charge {
  const succeeded = !card.declines;
  const decline = card.decline ?? genericDecline;
  const expiry = new Date(created * 1000);
  return {
    id: newId('ch_'),
    object: 'charge',
    amount: paymentIntent.amount,
    amount_captured: succeeded ? paymentIntent.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: balanceTransaction,
    billing_details: noBillingDetails(),
    calculated_statement_descriptor: 'STRIPE EMULATOR',
    captured: succeeded,
    created,
    currency: paymentIntent.currency,
    customer: paymentIntent.customer,
    description: paymentIntent.description,
    disputed: succeeded && card.disputed,
    failure_balance_transaction: null,
    failure_code: succeeded ? null : decline.code,
    failure_message: succeeded ? null : decline.message,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: succeeded
      ? {
          advice_code: null,
          network_advice_code: null,
          network_decline_code: null,
          network_status: 'approved_by_network',
          reason: null,
          risk_level: 'normal',
          risk_score: 20,
          seller_message: 'Payment complete.',
          type: 'authorized',
        }
      : {
          advice_code: null,
          network_advice_code: null,
          network_decline_code: null,
          network_status: 'declined_by_network',
          reason: decline.declineCode,
          risk_level: 'normal',
          risk_score: 20,
          seller_message: 'The bank did not return any further details with this decline.',
          type: 'issuer_declined',
        },
    paid: succeeded,
    payment_intent: paymentIntent.id,
    payment_method: paymentMethod,
    payment_method_details: {
      card: {
        amount_authorized: succeeded ? paymentIntent.amount : null,
        authorization_code: succeeded ? '123456' : null,
        brand: 'visa',
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: null },
        country: 'US',
        electronic_commerce_indicator: null,
        exp_month: expiry.getUTCMonth() + 1,
        exp_year: expiry.getUTCFullYear() + 1,
        extended_authorization: { status: 'disabled' },
        fingerprint: `emu${card.last4}fingerprint`,
        funding: 'credit',
        incremental_authorization: { status: 'unavailable' },
        installments: null,
        last4: card.last4,
        mandate: null,
        multicapture: { status: 'unavailable' },
        network: 'visa',
        network_token: { used: false },
        network_transaction_id: succeeded ? newId('', 15) : null,
        overcapture: { maximum_amount_capturable: paymentIntent.amount, status: 'unavailable' },
        regulated_status: 'unregulated',
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: succeeded ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: null,
  };
}

interface RefundInput {
  charge: Stripe.Charge;
  amount: number;
  reason: Stripe.Refund.Reason | null;
  metadata: Record<string, string>;
  created: number;
  status: 'pending' | 'requires_action' | 'succeeded';
  balanceTransaction: string | null;
}

export function refundObject({
  charge,
  amount,
  reason,
  metadata,
  created,
  status,
  balanceTransaction,
}: RefundInput): Stripe.Refund {
  const refund: Stripe.Refund = {
    id: newId('re_'),
    object: 'refund',
    amount,
    balance_transaction: balanceTransaction,
    charge: charge.id,
    created,
    currency: charge.currency,
    customer: null,
    customer_account: null,
    destination_details: {
      card: status === 'succeeded' ? awaitingReference() : { type: 'pending' },
      type: 'card',
    },
    metadata,
    payment_intent: typeof charge.payment_intent === 'string' ? charge.payment_intent : null,
    payment_method: charge.payment_method,
    reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status,
    transfer_reversal: null,
  };
  if (status === 'pending') refund.pending_reason = 'processing';
  if (status === 'requires_action') {
    refund.next_action = {
      type: 'display_details',
      display_details: {
        email_sent: { email_sent_at: created, email_sent_to: 'customer@example.com' },
        expires_at: created + 30 * 24 * 60 * 60,
      },
    };
  }
  return refund;
}

/** A card refund the network has taken but not yet given its reference number (the ARN). */
export function awaitingReference(): Stripe.Refund.DestinationDetails.Card {
  return { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' };
}

interface BalanceTransactionInput {
  type: 'adjustment' | 'charge' | 'refund' | 'refund_failure';
  source: string;
  amount: number;
  currency: string;
  created: number;
  fee?: number;
}

const twoDays = 2 * 24 * 60 * 60;

/** `net = amount - fee`; only a charge carries a fee: refunds and their reversals cost nothing. */
export function balanceTransactionObject(input: BalanceTransactionInput): Stripe.BalanceTransaction {
  const fee = input.fee ?? 0;
  return {
    id: newId('txn_'),
    object: 'balance_transaction',
    amount: input.amount,
    available_on: input.created + twoDays,
    balance_type: 'payments',
    created: input.created,
    currency: input.currency,
    description: input.type === 'charge' ? null : input.type === 'refund' ? 'REFUND FOR CHARGE' : 'REFUND FAILURE',
    // Amounts stay in the payment's currency: the emulator has no settlement currency to convert into.
    exchange_rate: null,
    fee,
    fee_details:
      fee > 0
        ? [
            {
              amount: fee,
              application: null,
              currency: input.currency,
              description: 'Stripe processing fees',
              type: 'stripe_fee',
            },
          ]
        : [],
    net: input.amount - fee,
    reporting_category: input.type,
    source: input.source,
    status: input.type === 'charge' ? 'pending' : 'available',
    type: input.type,
  };
}
