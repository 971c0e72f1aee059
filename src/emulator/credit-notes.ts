/**
 * Credit notes: lowering what an open invoice asks for (pre-payment), or, on a paid invoice (post-payment),
 * giving money back as a refund, a credit to the customer's balance or a record of money returned outside
 * Stripe. A preview works the credit note out without making it or anything it would make.
 */
import type Stripe from 'stripe';
import { invalidRequest } from './errors.ts';
import { newId, nowSeconds } from './ids.ts';
import { wireDecimal } from './invoice-decimal.ts';
import { formatAmount } from './money.ts';
import { createRefund } from './refunds.ts';
import { creditNoteById, customerById, invoiceById, refundById, type State } from './state.ts';

export const creditNoteReasons = ['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory'] as const;

export interface CreditNoteLine {
  type: 'custom_line_item' | 'invoice_line_item';
  invoiceLineItem?: string;
  quantity?: number;
  amount?: number;
  unitAmount?: number;
  description?: string;
}

export interface CreateCreditNote {
  invoice: string;
  amount?: number;
  lines?: CreditNoteLine[];
  refundAmount?: number;
  creditAmount?: number;
  outOfBandAmount?: number;
  /** Existing refunds to link, each with the part of it the credit note covers. */
  refunds?: { refund: string; amountRefunded?: number }[];
  reason?: (typeof creditNoteReasons)[number];
  memo?: string;
  metadata: Record<string, string>;
}

/** Issues the credit note and does what it says: the refund, the balance credit, the lower amount due. */
export function createCreditNote(state: State, input: CreateCreditNote): Stripe.CreditNote {
  const { note, creditAmount: credit } = workOut(state, input);
  const record = invoiceById(state, input.invoice, 'invoice');
  const { invoice } = record;
  const refundAmount = input.refundAmount ?? 0;
  if (note.type === 'pre_payment') {
    invoice.amount_due -= note.amount;
    invoice.amount_remaining -= note.amount;
    invoice.pre_payment_credit_notes_amount += note.amount;
  } else {
    invoice.post_payment_credit_notes_amount += note.amount;
    if (refundAmount > 0 && record.paymentIntent !== null) {
      const refund = createRefund(state, {
        paymentIntent: record.paymentIntent,
        amount: refundAmount,
        metadata: {},
      });
      note.refunds.push({
        amount_refunded: refund.amount,
        payment_record_refund: null,
        refund: refund.id,
        type: 'refund',
      });
    }
    if (credit > 0) {
      const customer = customerById(state, String(invoice.customer));
      customer.balance -= credit;
      note.customer_balance_transaction = newId('cbtxn_');
    }
  }
  state.creditNotes.set(note.id, note);
  return note;
}

/** The credit note `input` would make, checked as Stripe checks it, with nothing made or changed. */
export function previewCreditNote(state: State, input: CreateCreditNote): Stripe.CreditNote {
  return workOut(state, input).note;
}

/** The credit note, and how much of it goes to the customer's balance. */
function workOut(state: State, input: CreateCreditNote): { note: Stripe.CreditNote; creditAmount: number } {
  const { invoice } = invoiceById(state, input.invoice, 'invoice');
  if (invoice.status !== 'open' && invoice.status !== 'paid') {
    throw invalidRequest(
      `You can only create a credit note for an open or paid invoice; invoice ${invoice.id} is ${invoice.status}.`,
      { param: 'invoice' },
    );
  }
  if (input.amount !== undefined && input.lines !== undefined) {
    throw invalidRequest('Pass either amount or lines, not both.', { param: 'amount' });
  }
  const created = nowSeconds();
  const id = newId('cn_');
  const lines = (input.lines ?? []).map((line, index) => noteLine(invoice, line, index));
  const amount = input.amount ?? lines.reduce((sum, line) => sum + line.amount, 0);
  if (input.amount === undefined && input.lines === undefined) {
    throw invalidRequest('One of amount, lines, or shipping_cost must be provided.', { param: 'amount' });
  }
  if (amount <= 0) throw invalidRequest('The credit note amount must be greater than 0.', { param: 'amount' });

  const prePayment = invoice.status === 'open';
  const creditable = prePayment
    ? invoice.amount_remaining
    : invoice.amount_paid - invoice.post_payment_credit_notes_amount;
  if (amount > creditable) {
    throw invalidRequest(
      `The credit note amount (${formatAmount(amount, invoice.currency)}) is greater than what is left to credit on ` +
        `invoice ${invoice.id} (${formatAmount(creditable, invoice.currency)}).`,
      { param: 'amount' },
    );
  }
  const linked = (input.refunds ?? []).map((link, index) => linkedRefund(state, link, index));
  const refunded = (input.refundAmount ?? 0) + linked.reduce((sum, link) => sum + link.amount_refunded, 0);
  const given = [input.refundAmount, input.creditAmount, input.outOfBandAmount, input.refunds].some(
    (value) => value !== undefined,
  );
  if (prePayment && (refunded > 0 || (input.creditAmount ?? 0) > 0)) {
    throw invalidRequest(
      'An open invoice has not been paid: its credit note lowers the amount due and refunds nothing.',
      {
        param: input.refundAmount !== undefined ? 'refund_amount' : 'credit_amount',
      },
    );
  }
  // Stripe's default for a paid invoice: the whole credit note goes to the customer's balance.
  const creditAmount = prePayment ? 0 : given ? (input.creditAmount ?? 0) : amount;
  const sum = refunded + creditAmount + (input.outOfBandAmount ?? 0);
  if (!prePayment && sum !== amount) {
    throw invalidRequest(
      `The sum of refund_amount, credit_amount and out_of_band_amount (${formatAmount(sum, invoice.currency)}) ` +
        `must equal the credit note amount (${formatAmount(amount, invoice.currency)}).`,
      { param: 'refund_amount' },
    );
  }
  const count = [...state.creditNotes.values()].filter((note) => note.invoice === invoice.id).length;
  const note: Stripe.CreditNote = {
    id,
    object: 'credit_note',
    amount,
    amount_shipping: 0,
    created,
    currency: invoice.currency,
    customer: String(invoice.customer),
    customer_account: null,
    customer_balance_transaction: null,
    discount_amount: 0,
    discount_amounts: [],
    effective_at: created,
    invoice: invoice.id,
    lines: { object: 'list', data: lines, has_more: false, url: `/v1/credit_notes/${id}/lines` },
    livemode: false,
    memo: input.memo ?? null,
    metadata: input.metadata,
    number: `${invoice.number ?? invoice.id}-CN-${String(count + 1).padStart(2, '0')}`,
    out_of_band_amount: input.outOfBandAmount ?? null,
    pdf: `https://pay.stripe.com/credit_notes/emulator/${id}/pdf`,
    post_payment_amount: prePayment ? 0 : amount,
    pre_payment_amount: prePayment ? amount : 0,
    pretax_credit_amounts: [],
    reason: input.reason ?? null,
    refunds: linked,
    shipping_cost: null,
    status: 'issued',
    subtotal: amount,
    subtotal_excluding_tax: amount,
    total: amount,
    total_excluding_tax: amount,
    total_taxes: [],
    type: prePayment ? 'pre_payment' : 'post_payment',
    voided_at: null,
  };
  return { note, creditAmount };
}

function noteLine(invoice: Stripe.Invoice, line: CreditNoteLine, index: number): Stripe.CreditNoteLineItem {
  const param = `lines[${index}]`;
  let amount: number;
  let unitAmount: number;
  if (line.type === 'invoice_line_item') {
    const source = invoice.lines.data.find((candidate) => candidate.id === line.invoiceLineItem);
    if (!source) {
      throw invalidRequest(`No such invoice line item on invoice ${invoice.id}: '${line.invoiceLineItem ?? ''}'`, {
        param: `${param}[invoice_line_item]`,
      });
    }
    const quantity = line.quantity ?? source.quantity ?? 1;
    unitAmount = Math.round(source.amount / (source.quantity ?? 1));
    amount = line.amount ?? unitAmount * quantity;
    if (amount > source.amount) {
      throw invalidRequest(
        `The line's amount is greater than the invoice line's (${formatAmount(source.amount, invoice.currency)}).`,
        {
          param: `${param}[amount]`,
        },
      );
    }
  } else {
    if (line.unitAmount === undefined) {
      throw invalidRequest(`Missing required param: ${param}[unit_amount].`, {
        code: 'parameter_missing',
        param: `${param}[unit_amount]`,
      });
    }
    unitAmount = line.unitAmount;
    amount = line.unitAmount * (line.quantity ?? 1);
  }
  return {
    id: newId('cnli_'),
    object: 'credit_note_line_item',
    amount,
    description:
      line.description ??
      (line.type === 'invoice_line_item'
        ? (invoice.lines.data.find((candidate) => candidate.id === line.invoiceLineItem)?.description ?? null)
        : null),
    discount_amount: 0,
    discount_amounts: [],
    ...(line.invoiceLineItem !== undefined && { invoice_line_item: line.invoiceLineItem }),
    livemode: false,
    metadata: {},
    pretax_credit_amounts: [],
    quantity: line.quantity ?? 1,
    tax_rates: [],
    taxes: [],
    type: line.type,
    unit_amount: unitAmount,
    unit_amount_decimal: wireDecimal(String(unitAmount)),
  };
}

function linkedRefund(
  state: State,
  link: { refund: string; amountRefunded?: number },
  index: number,
): Stripe.CreditNote.Refund {
  const { refund } = refundById(state, link.refund, `refunds[${index}][refund]`);
  return {
    amount_refunded: link.amountRefunded ?? refund.amount,
    payment_record_refund: null,
    refund: refund.id,
    type: 'refund',
  };
}

/** Voids an issued credit note, undoing what it did; one that refunded money can't be undone that way. */
export function voidCreditNote(state: State, id: string): Stripe.CreditNote {
  const note = creditNoteById(state, id);
  if (note.status === 'void') throw invalidRequest(`Credit note ${note.id} is already void.`);
  if (note.refunds.length > 0) {
    throw invalidRequest(`Credit note ${note.id} refunded money, which voiding can't take back; it can't be voided.`);
  }
  const { invoice } = invoiceById(state, String(note.invoice));
  if (note.type === 'pre_payment') {
    invoice.amount_due += note.amount;
    invoice.amount_remaining += note.amount;
    invoice.pre_payment_credit_notes_amount -= note.amount;
  } else {
    invoice.post_payment_credit_notes_amount -= note.amount;
    const credit = note.amount - (note.out_of_band_amount ?? 0);
    if (credit > 0) customerById(state, String(invoice.customer)).balance += credit;
  }
  note.status = 'void';
  note.voided_at = nowSeconds();
  return note;
}
