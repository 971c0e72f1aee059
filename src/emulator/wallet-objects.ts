/**
 * Customers and what they pay with, as the API returns them: legacy card sources (`card_…`, from tokens) and
 * PaymentMethods (`pm_…`). Builders fill every field of the SDK's type; behavior lives in customers.ts.
 */
import type Stripe from 'stripe';
import { newId } from './ids.ts';

/** A card behind a test token or test payment method: the brand as each API spells it, and what a bank says. */
export interface CardDetails {
  /** `Visa`, `MasterCard`, `American Express`: how Card objects spell the brand. */
  sourceBrand: string;
  /** `visa`, `mastercard`, `amex`: how PaymentMethods spell it. */
  brand: string;
  last4: string;
  /** The issuer declines the card, so attaching it to a customer fails Stripe's validation. */
  declines: boolean;
}

export function customerObject(input: {
  created: number;
  email: string | null;
  name: string | null;
  description: string | null;
  metadata: Record<string, string>;
}): Stripe.Customer {
  return {
    id: newId('cus_', 14),
    object: 'customer',
    address: null,
    balance: 0,
    created: input.created,
    currency: null,
    customer_account: null,
    default_source: null,
    delinquent: false,
    description: input.description,
    email: input.email,
    invoice_prefix: newId('', 7).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: input.metadata,
    name: input.name,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export function cardObject(details: CardDetails, customer: string, created: number): Stripe.Card {
  const expiry = new Date(created * 1000);
  return {
    id: newId('card_'),
    object: 'card',
    address_city: null,
    address_country: null,
    address_line1: null,
    address_line1_check: null,
    address_line2: null,
    address_state: null,
    address_zip: null,
    address_zip_check: null,
    brand: details.sourceBrand,
    country: 'US',
    customer,
    cvc_check: 'pass',
    dynamic_last4: null,
    exp_month: expiry.getUTCMonth() + 1,
    exp_year: expiry.getUTCFullYear() + 1,
    fingerprint: `emu${details.last4}fingerprint`,
    funding: 'credit',
    last4: details.last4,
    metadata: {},
    name: null,
    regulated_status: 'unregulated',
    tokenization_method: null,
  };
}

export function paymentMethodObject(
  details: Pick<CardDetails, 'brand' | 'last4'>,
  created: number,
  id = newId('pm_'),
): Stripe.PaymentMethod {
  const expiry = new Date(created * 1000);
  return {
    id,
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: noBillingDetails(),
    card: {
      brand: details.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: details.brand,
      exp_month: expiry.getUTCMonth() + 1,
      exp_year: expiry.getUTCFullYear() + 1,
      fingerprint: `emu${details.last4}fingerprint`,
      funding: 'credit',
      generated_from: null,
      last4: details.last4,
      networks: { available: [details.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created,
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
}

/** The emulator collects no billing details: a charge and a payment method both show every field empty. */
export function noBillingDetails(): Stripe.Charge.BillingDetails {
  return {
    address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
    email: null,
    name: null,
    phone: null,
    tax_id: null,
  };
}
