/** The invoice, invoice item and credit note endpoints, as far as refunding an invoice needs them. */
import {
  createCreditNote,
  creditNoteReasons,
  previewCreditNote,
  voidCreditNote,
  type CreateCreditNote,
  type CreditNoteLine,
} from './credit-notes.ts';
import { limitParam } from './customer-routes.ts';
import { invalidRequest } from './errors.ts';
import type { FormObject, FormValue } from './form.ts';
import { createInvoice, createInvoiceItem, finalizeInvoice, payInvoice } from './invoices.ts';
import { cursorParams, listPage } from './list-page.ts';
import {
  allowOnly,
  metadata,
  missing,
  optionalBoolean,
  optionalHash,
  optionalInteger,
  optionalString,
  requiredString,
} from './params.ts';
import { route, type Route } from './route.ts';
import { creditNoteById, invoiceById, type State } from './state.ts';

const creditNoteParams = [
  'amount',
  'credit_amount',
  'invoice',
  'lines',
  'memo',
  'metadata',
  'out_of_band_amount',
  'reason',
  'refund_amount',
  'refunds',
];

export function createInvoiceRoutes(state: State): Route[] {
  return [
    route(
      'POST',
      /^\/v1\/invoices$/,
      'invoice',
      ['auto_advance', 'collection_method', 'customer', 'description', 'metadata'],
      (params) => {
        const collection = optionalString(params, 'collection_method');
        if (collection !== undefined && collection !== 'charge_automatically') {
          throw invalidRequest('The Stripe emulator only charges invoices automatically (charge_automatically).', {
            param: 'collection_method',
          });
        }
        const description = optionalString(params, 'description');
        const autoAdvance = optionalBoolean(params, 'auto_advance');
        return createInvoice(state, {
          customer: requiredString(params, 'customer'),
          metadata: metadata(params),
          ...(description !== undefined && { description }),
          ...(autoAdvance !== undefined && { autoAdvance }),
        });
      },
    ),
    route('GET', /^\/v1\/invoices\/([^/]+)$/, 'invoice', [], (_params, id) => invoiceById(state, id).invoice),
    route('POST', /^\/v1\/invoices\/([^/]+)\/finalize$/, 'invoice', ['auto_advance'], (_params, id) =>
      finalizeInvoice(state, id),
    ),
    route('POST', /^\/v1\/invoices\/([^/]+)\/pay$/, 'invoice', ['payment_method'], (params, id) =>
      payInvoice(state, id, optionalString(params, 'payment_method')),
    ),
    route(
      'POST',
      /^\/v1\/invoiceitems$/,
      'invoiceitem',
      ['amount', 'currency', 'customer', 'description', 'invoice', 'metadata', 'period'],
      (params) => {
        const amount = optionalInteger(params, 'amount');
        if (amount === undefined) throw missing('amount');
        const invoice = optionalString(params, 'invoice');
        const description = optionalString(params, 'description');
        const period = periodParam(params);
        return createInvoiceItem(state, {
          amount,
          currency: requiredString(params, 'currency').toLowerCase(),
          customer: requiredString(params, 'customer'),
          metadata: metadata(params),
          ...(invoice !== undefined && { invoice }),
          ...(description !== undefined && { description }),
          ...(period !== undefined && { period }),
        });
      },
    ),
    route('POST', /^\/v1\/credit_notes$/, 'credit_note', creditNoteParams, (params) =>
      createCreditNote(state, creditNoteInput(params)),
    ),
    // Before the retrieve route, which would read `preview` as an id.
    route('GET', /^\/v1\/credit_notes\/preview$/, 'credit_note', creditNoteParams, (params) =>
      previewCreditNote(state, creditNoteInput(params)),
    ),
    route('GET', /^\/v1\/credit_notes\/([^/]+)$/, 'credit_note', [], (_params, id) => creditNoteById(state, id)),
    route(
      'GET',
      /^\/v1\/credit_notes$/,
      'list:credit_note',
      ['customer', 'ending_before', 'invoice', 'limit', 'starting_after'],
      (params) => {
        const invoice = optionalString(params, 'invoice');
        const customer = optionalString(params, 'customer');
        const { data, hasMore } = listPage(
          [...state.creditNotes],
          (note) =>
            (invoice === undefined || note.invoice === invoice) &&
            (customer === undefined || note.customer === customer),
          cursorParams(params, limitParam(params)),
          'credit note',
        );
        return { object: 'list', data, has_more: hasMore, url: '/v1/credit_notes' };
      },
    ),
    route('POST', /^\/v1\/credit_notes\/([^/]+)\/void$/, 'credit_note', [], (_params, id) => voidCreditNote(state, id)),
  ];
}

function periodParam(params: FormObject): { start: number; end: number } | undefined {
  const period = optionalHash(params, 'period');
  if (period === undefined) return undefined;
  allowOnly(period, ['end', 'start'], 'period');
  const start = optionalInteger(period, 'start');
  const end = optionalInteger(period, 'end');
  if (start === undefined) throw missing('period[start]');
  if (end === undefined) throw missing('period[end]');
  if (end < start) throw invalidRequest('period[end] must be after period[start].', { param: 'period[end]' });
  return { start, end };
}

function creditNoteInput(params: FormObject): CreateCreditNote {
  const amount = optionalInteger(params, 'amount');
  const refundAmount = optionalInteger(params, 'refund_amount');
  const creditAmount = optionalInteger(params, 'credit_amount');
  const outOfBandAmount = optionalInteger(params, 'out_of_band_amount');
  const memo = optionalString(params, 'memo');
  const reason = optionalString(params, 'reason');
  const known = creditNoteReasons.find((candidate) => candidate === reason);
  if (reason !== undefined && !known) {
    throw invalidRequest(`Invalid reason: must be one of ${creditNoteReasons.join(', ')}`, { param: 'reason' });
  }
  const lines = hashes(params, 'lines')?.map((line, index) => lineParam(line, index));
  const refunds = hashes(params, 'refunds')?.map((link, index) => {
    allowOnly(link, ['amount_refunded', 'refund', 'type'], `refunds[${index}]`);
    const type = optionalString(link, 'type');
    if (type !== undefined && type !== 'refund') {
      throw invalidRequest('The Stripe emulator links only refunds (type refund).', {
        param: `refunds[${index}][type]`,
      });
    }
    const amountRefunded = optionalInteger(link, 'amount_refunded');
    return { refund: requiredString(link, 'refund'), ...(amountRefunded !== undefined && { amountRefunded }) };
  });
  for (const [name, value] of Object.entries({ amount, refundAmount, creditAmount, outOfBandAmount })) {
    if (value !== undefined && value < 0) throw invalidRequest('Invalid non-negative integer', { param: snake(name) });
  }
  return {
    invoice: requiredString(params, 'invoice'),
    metadata: metadata(params),
    ...(amount !== undefined && { amount }),
    ...(lines !== undefined && { lines }),
    ...(refundAmount !== undefined && { refundAmount }),
    ...(creditAmount !== undefined && { creditAmount }),
    ...(outOfBandAmount !== undefined && { outOfBandAmount }),
    ...(refunds !== undefined && { refunds }),
    ...(known !== undefined && { reason: known }),
    ...(memo !== undefined && { memo }),
  };
}

function lineParam(line: FormObject, index: number): CreditNoteLine {
  const prefix = `lines[${index}]`;
  allowOnly(line, ['amount', 'description', 'invoice_line_item', 'quantity', 'type', 'unit_amount'], prefix);
  const type = requiredString(line, 'type');
  if (type !== 'invoice_line_item' && type !== 'custom_line_item') {
    throw invalidRequest(`Invalid ${prefix}[type]: must be one of custom_line_item or invoice_line_item`, {
      param: `${prefix}[type]`,
    });
  }
  const invoiceLineItem = optionalString(line, 'invoice_line_item');
  if (type === 'invoice_line_item' && invoiceLineItem === undefined) throw missing(`${prefix}[invoice_line_item]`);
  const quantity = optionalInteger(line, 'quantity');
  const amount = optionalInteger(line, 'amount');
  const unitAmount = optionalInteger(line, 'unit_amount');
  const description = optionalString(line, 'description');
  return {
    type,
    ...(invoiceLineItem !== undefined && { invoiceLineItem }),
    ...(quantity !== undefined && { quantity }),
    ...(amount !== undefined && { amount }),
    ...(unitAmount !== undefined && { unitAmount }),
    ...(description !== undefined && { description }),
  };
}

/** An array of hashes, as `lines[0][type]=…&lines[1][type]=…` arrives. */
function hashes(params: FormObject, name: string): FormObject[] | undefined {
  const value: FormValue | undefined = Object.hasOwn(params, name) ? params[name] : undefined;
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'object' && !Array.isArray(item))) {
    throw invalidRequest('Invalid array', { param: name });
  }
  return value as FormObject[];
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
