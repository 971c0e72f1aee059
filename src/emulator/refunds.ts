/**
 * Refunds with Stripe's rules: partial refunds until nothing is left, no refund on a disputed charge, cancel
 * only while `requires_action`. Each check and the write that follows run in one synchronous step, so
 * concurrent requests can never refund more than the charge between them.
 */
import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import { refundUncaptured } from './capture.ts';
import { invalidRequest } from './errors.ts';
import { recordEvent } from './events.ts';
import { nowSeconds } from './ids.ts';
import { formatAmount } from './money.ts';
import { awaitingReference, balanceTransactionObject, refundObject } from './objects.ts';
import {
  chargeById,
  paymentIntentById,
  refundById,
  type ChargeRecord,
  type RefundRecord,
  type State,
} from './state.ts';

export const refundReasons = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

export interface CreateRefund {
  charge?: string;
  paymentIntent?: string;
  amount?: number;
  reason?: (typeof refundReasons)[number];
  metadata: Record<string, string>;
}

export function createRefund(state: State, input: CreateRefund): Stripe.Refund {
  const record = chargeToRefund(state, input);
  const { charge, card } = record;
  if (!charge.captured) return refundUncaptured(state, record, { ...input, reason: input.reason ?? null });
  if (charge.disputed) {
    throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, {
      code: 'charge_disputed',
    });
  }
  const unrefunded = charge.amount - charge.amount_refunded;
  if (unrefunded === 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
  }
  const amount = input.amount ?? unrefunded;
  if (amount > unrefunded) {
    const asked = formatAmount(amount, charge.currency);
    const left = formatAmount(unrefunded, charge.currency);
    throw invalidRequest(`Refund amount (${asked}) is greater than unrefunded amount on charge (${left})`, {
      param: 'amount',
    });
  }

  const created = nowSeconds();
  const status =
    card.refund === 'pending' ? 'pending' : card.refund === 'requires_action' ? 'requires_action' : 'succeeded';
  // Money leaves the balance when the refund is made; one waiting for the customer hasn't moved any yet.
  const transaction =
    status === 'requires_action'
      ? null
      : balanceTransactionObject({ type: 'refund', source: '', amount: -amount, currency: charge.currency, created });
  const refund = refundObject({
    charge,
    amount,
    reason: input.reason ?? null,
    metadata: input.metadata,
    created,
    status,
    balanceTransaction: transaction?.id ?? null,
  });
  const paymentIntentId = refund.payment_intent as string;
  if (transaction) {
    transaction.source = refund.id;
    state.balanceTransactions.set(transaction.id, transaction);
    state.own(paymentIntentId, transaction.id);
  }
  state.refunds.set(refund.id, { refund, seq: state.nextSeq() });
  state.own(paymentIntentId, refund.id);
  record.refunds.push(refund.id);
  // A refund in flight already counts as refunded, which is what stops a second one going over.
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
  setRefunded(record, charge.amount_refunded + amount);
  recordEvent(state, 'refund.created', refund);
  recordEvent(state, 'charge.refunded', charge, previous);

  if (status === 'succeeded' && card.refund !== 'fails') assignReference(state, refund);
  if (card.refund === 'pending')
    state.later(refund.id, () => {
      settle(state, refund);
      assignReference(state, refund);
    });
  if (card.refund === 'fails')
    state.later(refund.id, () => fail(state, record, refund, paymentIntentId), state.refundFailDelayMs);
  return refund;
}

export function cancelRefund(state: State, id: string): Stripe.Refund {
  const { refund } = refundById(state, id);
  if (refund.status !== 'requires_action') {
    throw invalidRequest(
      `Refund ${refund.id} cannot be canceled because it has a status of ${refund.status}. Only refunds with a status of requires_action can be canceled.`,
    );
  }
  const record = chargeById(state, refund.charge as string);
  refund.status = 'canceled';
  delete refund.next_action;
  setRefunded(record, record.charge.amount_refunded - refund.amount);
  recordEvent(state, 'refund.updated', refund, { status: 'requires_action' });
  return refund;
}

function chargeToRefund(state: State, input: CreateRefund): ChargeRecord {
  if (input.paymentIntent === undefined) {
    if (input.charge === undefined) {
      throw invalidRequest(
        'One of the following params should be provided for this request: payment_intent or charge.',
        {
          code: 'parameter_missing',
        },
      );
    }
    return chargeById(state, input.charge, 'charge');
  }
  const paymentIntent = paymentIntentById(state, input.paymentIntent, 'payment_intent');
  const latest = typeof paymentIntent.latest_charge === 'string' ? paymentIntent.latest_charge : null;
  const refundable = paymentIntent.status === 'succeeded' || paymentIntent.status === 'requires_capture';
  if (!refundable || latest === null) {
    throw invalidRequest(`This PaymentIntent (${paymentIntent.id}) does not have a successful charge to refund.`, {
      param: 'payment_intent',
    });
  }
  if (input.charge !== undefined && input.charge !== latest) {
    throw invalidRequest(`Charge ${input.charge} does not belong to PaymentIntent ${paymentIntent.id}.`, {
      param: 'charge',
    });
  }
  return chargeById(state, latest);
}

function setRefunded(record: ChargeRecord, amountRefunded: number): void {
  record.charge.amount_refunded = amountRefunded;
  record.charge.refunded = amountRefunded === record.charge.amount;
}

function settle(state: State, refund: Stripe.Refund): void {
  const previous = { status: refund.status };
  refund.status = 'succeeded';
  delete refund.pending_reason;
  refund.destination_details = { card: awaitingReference(), type: 'card' };
  recordEvent(state, 'refund.updated', refund, previous);
}

/**
 * A while after a card refund succeeds, the network assigns it an acquirer reference number (ARN), which the
 * customer's bank can trace: 23 digits, `reference_status` going from `pending` to `available`.
 */
function assignReference(state: State, refund: Stripe.Refund): void {
  state.later(
    `${refund.id}:reference`,
    () => {
      const card = refund.destination_details?.card;
      if (refund.status !== 'succeeded' || !card) return;
      card.reference = Array.from(randomBytes(23), (byte) => byte % 10).join('');
      card.reference_status = 'available';
    },
    state.refundReferenceDelayMs,
  );
}

/** The bank sends the money back: the refund fails and a second balance transaction returns it to the balance. */
function fail(state: State, record: ChargeRecord, refund: Stripe.Refund, paymentIntentId: string): void {
  const transaction = balanceTransactionObject({
    type: 'refund_failure',
    source: refund.id,
    amount: refund.amount,
    currency: refund.currency,
    created: nowSeconds(),
  });
  state.balanceTransactions.set(transaction.id, transaction);
  state.own(paymentIntentId, transaction.id);
  const previous = { status: refund.status, failure_reason: null };
  refund.status = 'failed';
  // A refund the bank sent back never gets a reference to trace.
  const card = refund.destination_details?.card;
  if (card) card.reference_status = 'unavailable';
  refund.failure_reason = 'expired_or_canceled_card';
  refund.failure_balance_transaction = transaction.id;
  setRefunded(record, record.charge.amount_refunded - refund.amount);
  recordEvent(state, 'refund.failed', refund, previous);
  recordEvent(state, 'refund.updated', refund, previous);
}

export interface ListRefunds {
  charge?: string;
  paymentIntent?: string;
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
  /** `created` as a range (`created[gte]=…`) or an exact time. */
  created?: (created: number) => boolean;
}

/**
 * Newest first. Cursors compare by creation order, so they work even for a refund outside the filter; the walk
 * stops once a page is full, so a charge with thousands of refunds still answers in a few steps.
 */
export function listRefunds(state: State, query: ListRefunds): { data: Stripe.Refund[]; hasMore: boolean } {
  const after =
    query.startingAfter === undefined ? undefined : refundById(state, query.startingAfter, 'starting_after').seq;
  const before =
    query.endingBefore === undefined ? undefined : refundById(state, query.endingBefore, 'ending_before').seq;
  if (query.paymentIntent !== undefined) paymentIntentById(state, query.paymentIntent, 'payment_intent');
  // Oldest first. A charge keeps its own refund ids, so its list never walks every refund the emulator holds.
  const ids =
    query.charge === undefined ? [...state.refunds.keys()] : chargeById(state, query.charge, 'charge').refunds;
  const matches = (record: RefundRecord) =>
    (query.paymentIntent === undefined || record.refund.payment_intent === query.paymentIntent) &&
    (query.created === undefined || query.created(record.refund.created));

  // ending_before pages towards newer refunds: walk up from the cursor, then show the page newest first.
  const towardsNewer = before !== undefined;
  const page: RefundRecord[] = [];
  for (const id of towardsNewer ? ids : backwards(ids)) {
    const record = refundById(state, id);
    const beyondCursor = towardsNewer ? record.seq > before : after === undefined || record.seq < after;
    if (beyondCursor && matches(record)) page.push(record);
    if (page.length > query.limit) break;
  }
  const shown = page.slice(0, query.limit);
  return {
    data: (towardsNewer ? shown.reverse() : shown).map((record) => record.refund),
    hasMore: page.length > query.limit,
  };
}

function* backwards<T>(items: readonly T[]): Generator<T> {
  for (let i = items.length - 1; i >= 0; i--) yield items[i] as T;
}

/** The first page of a charge's refunds, as `expand[]=refunds` shows it. */
export function chargeRefunds(
  state: State,
  record: ChargeRecord,
  limit = 10,
): { data: Stripe.Refund[]; hasMore: boolean } {
  const ids = record.refunds.slice(-limit).reverse();
  return { data: ids.map((id) => refundById(state, id).refund), hasMore: record.refunds.length > limit };
}
