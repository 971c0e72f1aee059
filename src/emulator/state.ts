/**
 * The emulator's memory: every object by id, plus what Stripe keeps but never shows (which test card a charge
 * used, the order refunds were made in). Old payments are forgotten past a cap so a long-running emulator
 * doesn't grow without bound.
 */
import type Stripe from 'stripe';
import type { TestCard } from './cards.ts';
import { resourceMissing } from './errors.ts';

export interface ChargeRecord {
  charge: Stripe.Charge;
  card: TestCard;
  /** Refund ids, oldest first. */
  refunds: string[];
}

export interface RefundRecord {
  refund: Stripe.Refund;
  /** Creation order: many refunds share a `created` second, and lists must still be stable. */
  seq: number;
}

export interface DisputeRecord {
  dispute: Stripe.Dispute;
  /** Creation order, for stable lists and cursors. */
  seq: number;
}

export interface State {
  paymentIntents: Map<string, Stripe.PaymentIntent>;
  paymentMethods: Map<string, TestCard>;
  charges: Map<string, ChargeRecord>;
  refunds: Map<string, RefundRecord>;
  balanceTransactions: Map<string, Stripe.BalanceTransaction>;
  /** Customers by id, oldest first; the oldest are forgotten past the cap, with their cards. */
  customers: Map<string, Stripe.Customer>;
  /** Legacy card sources (`card_…`) of every customer. */
  cards: Map<string, Stripe.Card>;
  /** PaymentMethod objects (`pm_…`), made when a payment is confirmed. */
  paymentMethodObjects: Map<string, Stripe.PaymentMethod>;
  /** SetupIntents (`seti_…`), each filed under its own id so it is forgotten with the PaymentMethod it saved. */
  setupIntents: Map<string, Stripe.SetupIntent>;
  /** Disputes (`du_…`), filed under their payment. */
  disputes: Map<string, DisputeRecord>;
  /** How many customers are kept in memory. */
  maxCustomers: number;
  refundDelayMs: number;
  refundFailDelayMs: number;
  /** How long a succeeded card refund waits for the network to assign its reference (the ARN). */
  refundReferenceDelayMs: number;
  /** Schedules a refund's later status change after `delayMs` (`refundDelayMs` by default); the timers die with the emulator. */
  later(refundId: string, run: () => void, delayMs?: number): void;
  /** Files an object (the payment intent itself first) under its payment intent, so they are forgotten together. */
  own(paymentIntentId: string, objectId: string): void;
  /** Says which objects were forgotten past a cap, so what refers to them (saved idempotent answers) goes too. */
  forgotten(ids: readonly string[]): void;
  nextSeq(): number;
  close(): void;
  // Money movement beyond payments and refunds: Connect, payouts (emu-money).
  /** Connected accounts (`acct_…`), oldest first. */
  accounts: Map<string, Stripe.Account>;
  /** Transfers to connected accounts, with their reversals' ids oldest first. */
  transfers: Map<string, TransferRecord>;
  transferReversals: Map<string, Stripe.TransferReversal>;
  /** Application fees collected on destination charges, with their refunds' ids oldest first. */
  applicationFees: Map<string, ApplicationFeeRecord>;
  feeRefunds: Map<string, Stripe.FeeRefund>;
  /** Payouts to the account's bank, oldest first. */
  payouts: Map<string, PayoutRecord>;
  /** How long a payout stays `pending` before it is paid or fails. */
  payoutDelayMs: number;
  /** Invoices, oldest first, with their items and the payment that paid them. */
  invoices: Map<string, InvoiceRecord>;
  /** Credit notes, oldest first. */
  creditNotes: Map<string, Stripe.CreditNote>;
  /** Events, oldest first. */
  events: Map<string, Stripe.Event>;
}

export interface InvoiceRecord {
  invoice: Stripe.Invoice;
  /** The PaymentIntent that paid it, once paid. */
  paymentIntent: string | null;
}

export interface TransferRecord {
  transfer: Stripe.Transfer;
  reversals: string[];
  seq: number;
}

export interface ApplicationFeeRecord {
  fee: Stripe.ApplicationFee;
  refunds: string[];
}

export interface PayoutRecord {
  payout: Stripe.Payout;
  seq: number;
}

export interface StateOptions {
  refundDelayMs: number;
  /** `refundDelayMs` when omitted. */
  refundFailDelayMs?: number;
  /** `refundFailDelayMs` when omitted: both are how long the card network takes to answer about a refund. */
  refundReferenceDelayMs?: number;
  maxPaymentIntents: number;
  /** Told the ids of every object forgotten past the cap, so what refers to them (saved answers) goes too. */
  onForget?: (ids: readonly string[]) => void;
  /** `refundDelayMs` when omitted. */
  payoutDelayMs?: number;
}

export function createState({
  refundDelayMs,
  refundFailDelayMs = refundDelayMs,
  refundReferenceDelayMs = refundFailDelayMs,
  maxPaymentIntents,
  onForget,
  payoutDelayMs = refundDelayMs,
}: StateOptions): State {
  const timers = new Map<string, NodeJS.Timeout>();
  const owned = new Map<string, string[]>();
  let seq = 0;

  const state: State = {
    paymentIntents: new Map(),
    paymentMethods: new Map(),
    charges: new Map(),
    refunds: new Map(),
    balanceTransactions: new Map(),
    customers: new Map(),
    cards: new Map(),
    paymentMethodObjects: new Map(),
    setupIntents: new Map(),
    disputes: new Map(),
    maxCustomers: maxPaymentIntents,
    refundDelayMs,
    refundFailDelayMs,
    refundReferenceDelayMs,
    later(refundId, run, delayMs = refundDelayMs) {
      const timer = setTimeout(() => {
        timers.delete(refundId);
        run();
      }, delayMs);
      timer.unref();
      timers.set(refundId, timer);
    },
    own(paymentIntentId, objectId) {
      const ids = owned.get(paymentIntentId);
      if (ids) ids.push(objectId);
      else {
        owned.set(paymentIntentId, [objectId]);
        evictBeyond(maxPaymentIntents);
      }
    },
    forgotten: (ids) => onForget?.(ids),
    nextSeq: () => ++seq,
    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
    accounts: new Map(),
    transfers: new Map(),
    transferReversals: new Map(),
    applicationFees: new Map(),
    feeRefunds: new Map(),
    payouts: new Map(),
    payoutDelayMs,
    invoices: new Map(),
    creditNotes: new Map(),
    events: new Map(),
  };

  function evictBeyond(max: number): void {
    for (const [paymentIntentId, ids] of owned) {
      if (owned.size <= max) return;
      owned.delete(paymentIntentId);
      for (const id of ids) {
        clearTimeout(timers.get(id));
        timers.delete(id);
        state.paymentIntents.delete(id);
        state.paymentMethods.delete(id);
        state.paymentMethodObjects.delete(id);
        state.charges.delete(id);
        state.refunds.delete(id);
        state.balanceTransactions.delete(id);
        state.setupIntents.delete(id);
        state.disputes.delete(id);
        state.transfers.delete(id);
        state.transferReversals.delete(id);
        state.applicationFees.delete(id);
        state.feeRefunds.delete(id);
      }
      state.forgotten(ids);
    }
  }

  return state;
}

export function paymentIntentById(state: State, id: string, param?: string): Stripe.PaymentIntent {
  return found(state.paymentIntents, 'payment_intent', id, param);
}

export function chargeById(state: State, id: string, param?: string): ChargeRecord {
  return found(state.charges, 'charge', id, param);
}

export function refundById(state: State, id: string, param?: string): RefundRecord {
  return found(state.refunds, 'refund', id, param);
}

export function balanceTransactionById(state: State, id: string, param?: string): Stripe.BalanceTransaction {
  return found(state.balanceTransactions, 'balance_transaction', id, param);
}

export function customerById(state: State, id: string, param?: string): Stripe.Customer {
  return found(state.customers, 'customer', id, param);
}

export function paymentMethodById(state: State, id: string, param?: string): Stripe.PaymentMethod {
  return found(state.paymentMethodObjects, 'PaymentMethod', id, param);
}

/** The object stored under `id`, or Stripe's 404 naming its type and the parameter that named it. */
function found<T>(objects: ReadonlyMap<string, T>, type: string, id: string, param: string | undefined): T {
  const object = objects.get(id);
  if (!object) throw resourceMissing(type, id, param);
  return object;
}

export function setupIntentById(state: State, id: string, param?: string): Stripe.SetupIntent {
  return found(state.setupIntents, 'setupintent', id, param);
}

export function disputeById(state: State, id: string, param?: string): DisputeRecord {
  return found(state.disputes, 'dispute', id, param);
}

export function accountById(state: State, id: string, param?: string): Stripe.Account {
  return found(state.accounts, 'account', id, param);
}

export function transferById(state: State, id: string, param?: string): TransferRecord {
  return found(state.transfers, 'transfer', id, param);
}

export function applicationFeeById(state: State, id: string, param?: string): ApplicationFeeRecord {
  return found(state.applicationFees, 'application fee', id, param);
}

export function payoutById(state: State, id: string, param?: string): PayoutRecord {
  return found(state.payouts, 'payout', id, param);
}

export function invoiceById(state: State, id: string, param?: string): InvoiceRecord {
  return found(state.invoices, 'invoice', id, param);
}

export function creditNoteById(state: State, id: string, param?: string): Stripe.CreditNote {
  return found(state.creditNotes, 'credit note', id, param);
}
