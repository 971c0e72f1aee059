/** Invoices and credit notes through the real `stripe` SDK: a paid invoice refunded, credited, previewed, voided. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { rejection, useEmulator } from './test-support.ts';

let stripe: Stripe;
useEmulator({ refundDelayMs: 100 }, (client) => (stripe = client));

/** A customer's invoice for a $30.00 plan and $20.00 of extra seats; paid unless told otherwise. */
async function invoice(pay = true): Promise<Stripe.Invoice> {
  const customer = await stripe.customers.create({ email: 'buyer@example.com', source: 'tok_visa' });
  const draft = await stripe.invoices.create({ customer: customer.id, description: 'December' });
  for (const [amount, description] of [
    [3000, 'Pro plan (monthly)'],
    [2000, 'Extra seats'],
  ] as const) {
    await stripe.invoiceItems.create({
      customer: customer.id,
      invoice: draft.id,
      amount,
      currency: 'usd',
      description,
    });
  }
  return pay ? stripe.invoices.pay(draft.id) : stripe.invoices.finalizeInvoice(draft.id);
}

describe('invoices', () => {
  it('are paid by a card payment, shown in payments', async () => {
    const paid = await invoice();
    assert.deepEqual([paid.status, paid.total, paid.amount_paid, paid.amount_remaining], ['paid', 5000, 5000, 0]);
    assert.match(String(paid.number), /^EMU-\d{4}$/);
    assert.equal(paid.lines.data.length, 2);
    const payment = paid.payments?.data[0]?.payment;
    assert.equal(payment?.type, 'payment_intent');
    const intent = await stripe.paymentIntents.retrieve(String(payment?.payment_intent));
    assert.deepEqual([intent.status, intent.amount, intent.customer], ['succeeded', 5000, paid.customer]);
    const again = await rejection(stripe.invoices.pay(paid.id));
    assert.equal(again.code, 'invoice_already_paid');
  });
});

describe('credit notes', () => {
  it('refund part of a paid invoice by line, with the refund made on its payment', async () => {
    const paid = await invoice();
    const seats = paid.lines.data.find((line) => line.description === 'Extra seats');
    assert.ok(seats);
    const note = await stripe.creditNotes.create({
      invoice: paid.id,
      lines: [{ type: 'invoice_line_item', invoice_line_item: seats.id, quantity: 1 }],
      refund_amount: 2000,
      reason: 'order_change',
      memo: 'Seats removed',
    });
    assert.match(note.id, /^cn_/);
    assert.deepEqual(
      [note.status, note.type, note.amount, note.post_payment_amount, note.reason, note.memo],
      ['issued', 'post_payment', 2000, 2000, 'order_change', 'Seats removed'],
    );
    assert.equal(note.lines.data[0]?.invoice_line_item, seats.id);
    const refundId = String(note.refunds[0]?.refund);
    const refund = await stripe.refunds.retrieve(refundId);
    assert.deepEqual([refund.amount, refund.payment_intent], [2000, paid.payments?.data[0]?.payment.payment_intent]);
    const after = await stripe.invoices.retrieve(paid.id);
    assert.equal(after.post_payment_credit_notes_amount, 2000);
    const listed = await stripe.creditNotes.list({ invoice: paid.id });
    assert.deepEqual(
      listed.data.map((each) => each.id),
      [note.id],
    );
    assert.equal((await stripe.creditNotes.retrieve(note.id)).number, note.number);
  });

  it('split an amount between a refund, the customer balance and money returned outside Stripe', async () => {
    const paid = await invoice();
    const note = await stripe.creditNotes.create({
      invoice: paid.id,
      amount: 3000,
      refund_amount: 1000,
      credit_amount: 1500,
      out_of_band_amount: 500,
    });
    assert.equal(note.out_of_band_amount, 500);
    assert.match(String(note.customer_balance_transaction), /^cbtxn_/);
    assert.equal(((await stripe.customers.retrieve(String(paid.customer))) as Stripe.Customer).balance, -1500);
    const mismatch = await rejection(stripe.creditNotes.create({ invoice: paid.id, amount: 1000, refund_amount: 500 }));
    assert.equal(mismatch.param, 'refund_amount');
    const over = await rejection(stripe.creditNotes.create({ invoice: paid.id, amount: 2001, refund_amount: 2001 }));
    assert.equal(over.param, 'amount');
  });

  it('preview without making anything, then void what can be undone', async () => {
    const paid = await invoice();
    const preview = await stripe.creditNotes.preview({ invoice: paid.id, amount: 1000, refund_amount: 1000 });
    assert.deepEqual([preview.amount, preview.refunds.length], [1000, 0]);
    assert.equal((await stripe.creditNotes.list({ invoice: paid.id })).data.length, 0);
    assert.equal(
      (await stripe.refunds.list({ payment_intent: String(paid.payments?.data[0]?.payment.payment_intent) })).data
        .length,
      0,
    );

    const credit = await stripe.creditNotes.create({ invoice: paid.id, amount: 1000, credit_amount: 1000 });
    const voided = await stripe.creditNotes.voidCreditNote(credit.id);
    assert.equal(voided.status, 'void');
    assert.equal(typeof voided.voided_at, 'number');
    assert.equal(((await stripe.customers.retrieve(String(paid.customer))) as Stripe.Customer).balance, 0);
    const refunded = await stripe.creditNotes.create({ invoice: paid.id, amount: 1000, refund_amount: 1000 });
    assert.match((await rejection(stripe.creditNotes.voidCreditNote(refunded.id))).message, /refunded/);
  });

  it('lower what an open invoice asks for, and refuse a draft one', async () => {
    const open = await invoice(false);
    const note = await stripe.creditNotes.create({ invoice: open.id, amount: 500, reason: 'duplicate' });
    assert.deepEqual([note.type, note.pre_payment_amount], ['pre_payment', 500]);
    assert.equal((await stripe.invoices.retrieve(open.id)).amount_due, 4500);
    const refundOpen = await rejection(
      stripe.creditNotes.create({ invoice: open.id, amount: 500, refund_amount: 500 }),
    );
    assert.equal(refundOpen.param, 'refund_amount');

    const customer = await stripe.customers.create({});
    const draft = await stripe.invoices.create({ customer: customer.id });
    assert.equal((await rejection(stripe.creditNotes.create({ invoice: draft.id, amount: 100 }))).param, 'invoice');
    const unknown = await rejection(
      stripe.creditNotes.create({ invoice: open.id, amount: 100, reason: 'changed_mind' as 'duplicate' }),
    );
    assert.equal(unknown.param, 'reason');
    const typo = await rejection(stripe.creditNotes.create({ invoice: open.id, amount: 100, refund: 100 } as never));
    assert.deepEqual([typo.code, typo.param], ['parameter_unknown', 'refund']);
  });
});
