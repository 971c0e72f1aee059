/**
 * One-off invoices, as far as a refund needs them: a draft gets invoice items, is finalized (`open`) and paid by
 * a card payment (`paid`, with the PaymentIntent in `payments`). No subscriptions, taxes, discounts or emails.
 */
import type Stripe from 'stripe';
import { invalidRequest } from './errors.ts';
import { newId, nowSeconds } from './ids.ts';
import { wireDecimal } from './invoice-decimal.ts';
import { createPaymentIntent } from './payments.ts';
import { customerById, invoiceById, type State } from './state.ts';

export interface CreateInvoice {
  customer: string;
  description?: string;
  metadata: Record<string, string>;
  autoAdvance?: boolean;
}

let invoiceNumber = 0;

export function createInvoice(state: State, input: CreateInvoice): Stripe.Invoice {
  const customer = customerById(state, input.customer, 'customer');
  const created = nowSeconds();
  const id = newId('in_');
  const invoice: Stripe.Invoice = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Stripe Emulator',
    account_tax_ids: null,
    amount_due: 0,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: 0,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: input.autoAdvance ?? false,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: 'manual',
    collection_method: 'charge_automatically',
    created,
    currency: 'usd',
    custom_fields: null,
    customer: customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: customer.email ?? null,
    customer_name: customer.name ?? null,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: input.description ?? null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: input.metadata,
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    payments: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${id}/payments` },
    period_end: created,
    period_start: created,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: 0,
    subtotal_excluding_tax: 0,
    test_clock: null,
    total: 0,
    total_discount_amounts: [],
    total_excluding_tax: 0,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
  state.invoices.set(id, { invoice, paymentIntent: null });
  return invoice;
}

export interface CreateInvoiceItem {
  customer: string;
  invoice?: string;
  amount: number;
  currency: string;
  description?: string;
  period?: { start: number; end: number };
  metadata: Record<string, string>;
}

/** An item on a draft invoice, which shows it as a line. */
export function createInvoiceItem(state: State, input: CreateInvoiceItem): Stripe.InvoiceItem {
  customerById(state, input.customer, 'customer');
  if (input.invoice === undefined) {
    throw invalidRequest(
      'The Stripe emulator keeps no pending invoice items: pass the draft invoice the item belongs to as invoice.',
      { code: 'parameter_missing', param: 'invoice' },
    );
  }
  const { invoice } = invoiceById(state, input.invoice, 'invoice');
  if (invoice.customer !== input.customer) {
    throw invalidRequest(`Invoice ${invoice.id} belongs to another customer.`, { param: 'invoice' });
  }
  if (invoice.status !== 'draft') {
    throw invalidRequest(`You can only add invoice items to a draft invoice; ${invoice.id} is ${invoice.status}.`, {
      param: 'invoice',
    });
  }
  if (invoice.lines.data.length > 0 && invoice.currency !== input.currency) {
    throw invalidRequest(`The invoice's currency is ${invoice.currency}; every item must be in it.`, {
      param: 'currency',
    });
  }
  const created = nowSeconds();
  const period = input.period ?? { start: created, end: created };
  const item: Stripe.InvoiceItem = {
    id: newId('ii_'),
    object: 'invoiceitem',
    amount: input.amount,
    currency: input.currency,
    customer: input.customer,
    customer_account: null,
    date: created,
    description: input.description ?? null,
    discountable: true,
    discounts: [],
    invoice: invoice.id,
    livemode: false,
    metadata: input.metadata,
    parent: null,
    period,
    pricing: null,
    proration: false,
    quantity: 1,
    quantity_decimal: wireDecimal('1'),
    tax_rates: [],
    test_clock: null,
  };
  const line: Stripe.InvoiceLineItem = {
    id: newId('il_'),
    object: 'line_item',
    amount: input.amount,
    currency: input.currency,
    description: item.description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoice.id,
    livemode: false,
    metadata: input.metadata,
    parent: {
      type: 'invoice_item_details',
      invoice_item_details: {
        invoice_item: item.id,
        proration: false,
        proration_details: { credited_items: null },
        subscription: null,
      },
      subscription_item_details: null,
    },
    period,
    pretax_credit_amounts: [],
    pricing: null,
    quantity: 1,
    quantity_decimal: wireDecimal('1'),
    subscription: null,
    subtotal: input.amount,
    taxes: [],
  };
  invoice.currency = input.currency;
  invoice.lines.data.push(line);
  const total = invoice.lines.data.reduce((sum, each) => sum + each.amount, 0);
  Object.assign(invoice, {
    subtotal: total,
    subtotal_excluding_tax: total,
    total,
    total_excluding_tax: total,
    amount_due: total,
    amount_remaining: total,
    period_start: Math.min(...invoice.lines.data.map((each) => each.period.start)),
    period_end: Math.max(...invoice.lines.data.map((each) => each.period.end)),
  });
  return item;
}

export function finalizeInvoice(state: State, id: string): Stripe.Invoice {
  const { invoice } = invoiceById(state, id);
  if (invoice.status !== 'draft') {
    throw invalidRequest(`This invoice is already finalized, you can't re-finalize a non-draft invoice.`, {
      code: 'invoice_not_editable',
    });
  }
  const now = nowSeconds();
  invoice.status = 'open';
  invoice.number = `EMU-${String(++invoiceNumber).padStart(4, '0')}`;
  invoice.effective_at = now;
  invoice.status_transitions.finalized_at = now;
  invoice.hosted_invoice_url = `https://invoice.stripe.com/i/emulator/${invoice.id}`;
  invoice.invoice_pdf = `https://pay.stripe.com/invoice/emulator/${invoice.id}/pdf`;
  return invoice;
}

/**
 * Pays an open invoice (finalizing a draft first, as Stripe does) with a card: `payment_method`, or the
 * emulator's stand-in for the customer's saved Visa. A decline leaves the invoice open.
 */
export function payInvoice(state: State, id: string, paymentMethod = 'pm_card_visa'): Stripe.Invoice {
  const record = invoiceById(state, id);
  const { invoice } = record;
  if (invoice.status === 'paid') throw invalidRequest('Invoice is already paid', { code: 'invoice_already_paid' });
  if (invoice.status !== 'open' && invoice.status !== 'draft') {
    throw invalidRequest(`You can't pay an invoice with a status of ${invoice.status}.`, {
      code: 'invoice_not_editable',
    });
  }
  if (invoice.status === 'draft') finalizeInvoice(state, id);
  if (invoice.amount_due < 50) {
    throw invalidRequest('The emulator pays invoices by card, which needs an amount due of at least $0.50.', {
      code: 'invoice_payment_intent_requires_action',
    });
  }
  invoice.attempted = true;
  invoice.attempt_count += 1;
  const paymentIntent = createPaymentIntent(state, {
    amount: invoice.amount_due,
    currency: invoice.currency,
    paymentMethod,
    confirm: true,
    allowedPaymentMethodTypes: ['card'],
    customer: String(invoice.customer),
    description: `Payment for Invoice ${invoice.number ?? invoice.id}`,
    metadata: {},
  });
  const now = nowSeconds();
  record.paymentIntent = paymentIntent.id;
  invoice.status = 'paid';
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.status_transitions.paid_at = now;
  invoice.payments?.data.push({
    id: newId('inpay_'),
    object: 'invoice_payment',
    amount_paid: invoice.amount_paid,
    amount_requested: invoice.amount_due,
    created: now,
    currency: invoice.currency,
    invoice: invoice.id,
    is_default: true,
    livemode: false,
    payment: { type: 'payment_intent', payment_intent: paymentIntent.id },
    status: 'paid',
    status_transitions: { canceled_at: null, paid_at: now },
  });
  return invoice;
}
