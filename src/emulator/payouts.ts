/**
 * Payouts from the available balance to the account's bank: `pending` when made, then `paid` (or `failed`, the
 * money coming back) after the emulator's payout delay; a pending standard payout can be canceled. Which bank
 * account fails is chosen the way Stripe's test mode chooses it, by the test bank account the payout goes to.
 */
import type Stripe from 'stripe';
import { balance } from './balance.ts';
import { ledgerEntry } from './connect-objects.ts';
import { invalidRequest } from './errors.ts';
import { recordEvent } from './events.ts';
import { newId, nowSeconds } from './ids.ts';
import { payoutById, type State } from './state.ts';

/** Stripe's test bank account tokens that make a payout fail, with the failure each one reports. */
const failingBanks: Readonly<Record<string, { code: string; message: string }>> = {
  btok_us_verified_noAccount: {
    code: 'no_account',
    message:
      'The bank account details on file are probably incorrect. No bank account could be located with those details.',
  },
  btok_us_verified_accountClosed: { code: 'account_closed', message: 'The bank account has been closed.' },
  btok_us_verified_insufficientFunds: {
    code: 'insufficient_funds',
    message: 'Your Stripe account has insufficient funds to cover the payout.',
  },
  btok_us_verified_debitNotAuthorized: {
    code: 'debit_not_authorized',
    message:
      'Debit transactions are not approved on the bank account. Stripe requires bank accounts that accept both credits and debits.',
  },
  btok_us_verified_invalidCurrency: {
    code: 'invalid_currency',
    message:
      'The bank could not process this payout because of its currency; the bank account probably cannot accept it.',
  },
};

/** Each emulator's account has one bank account, made when first needed. */
const defaultBanks = new WeakMap<State, string>();

function defaultBank(state: State): string {
  const known = defaultBanks.get(state);
  if (known) return known;
  const id = newId('ba_');
  defaultBanks.set(state, id);
  return id;
}

export interface CreatePayout {
  amount: number;
  currency: string;
  method: 'instant' | 'standard';
  destination?: string;
  description?: string;
  statementDescriptor?: string;
  metadata: Record<string, string>;
}

const day = 24 * 60 * 60;

export function createPayout(state: State, input: CreatePayout): Stripe.Payout {
  if (input.amount <= 0) throw invalidRequest('Invalid positive integer', { param: 'amount' });
  const failure = input.destination === undefined ? undefined : failingBanks[input.destination];
  const bank = defaultBank(state);
  if (input.destination !== undefined && !failure && input.destination !== bank) {
    throw invalidRequest(`No such external account: '${input.destination}'`, {
      code: 'resource_missing',
      param: 'destination',
    });
  }
  const available = balance(state).available.find((funds) => funds.currency === input.currency)?.amount ?? 0;
  if (available < input.amount) {
    throw invalidRequest(
      'You have insufficient funds in your Stripe account for this transfer. Your card balance is too low. ' +
        'You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).',
      { code: 'balance_insufficient', param: 'amount' },
    );
  }
  const created = nowSeconds();
  const entry = ledgerEntry({
    type: 'payout',
    source: '',
    amount: -input.amount,
    currency: input.currency,
    created,
    description: 'STRIPE PAYOUT',
  });
  const payout: Stripe.Payout = {
    id: newId('po_'),
    object: 'payout',
    amount: input.amount,
    application_fee: null,
    application_fee_amount: null,
    // A standard payout lands at the start of a later day; an instant one within minutes.
    arrival_date: input.method === 'instant' ? created : Math.floor(created / day) * day + 2 * day,
    automatic: false,
    balance_transaction: entry.id,
    created,
    currency: input.currency,
    description: input.description ?? null,
    destination: failure ? newId('ba_') : bank,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: input.metadata,
    method: input.method,
    original_payout: null,
    payout_method: null,
    // Only automatic payouts are reconciled against the transactions they pay out.
    reconciliation_status: 'not_applicable',
    reversed_by: null,
    source_type: 'card',
    statement_descriptor: input.statementDescriptor ?? null,
    status: 'pending',
    trace_id: { status: 'pending', value: null },
    type: 'bank_account',
  };
  entry.source = payout.id;
  state.balanceTransactions.set(entry.id, entry);
  state.payouts.set(payout.id, { payout, seq: state.nextSeq() });
  state.later(payout.id, () => (failure ? fail(state, payout, failure) : settle(state, payout)), state.payoutDelayMs);
  recordEvent(state, 'payout.created', payout);
  return payout;
}

function settle(state: State, payout: Stripe.Payout): void {
  if (payout.status !== 'pending') return;
  payout.status = 'paid';
  payout.trace_id = { status: 'supported', value: newId('EMU', 12).toUpperCase() };
  recordEvent(state, 'payout.paid', payout);
}

/** The bank returns the money: the payout fails and a second balance transaction puts it back. */
function fail(state: State, payout: Stripe.Payout, failure: { code: string; message: string }): void {
  if (payout.status !== 'pending') return;
  const entry = returnFunds(state, payout, 'payout_failure');
  payout.status = 'failed';
  payout.failure_code = failure.code;
  payout.failure_message = failure.message;
  payout.failure_balance_transaction = entry.id;
  payout.trace_id = { status: 'unsupported', value: null };
  recordEvent(state, 'payout.failed', payout);
}

export function cancelPayout(state: State, id: string): Stripe.Payout {
  const { payout } = payoutById(state, id);
  if (payout.method === 'instant') {
    throw invalidRequest('Instant payouts cannot be canceled.', {});
  }
  if (payout.status !== 'pending') {
    throw invalidRequest(
      `Payout ${payout.id} cannot be canceled because it has a status of ${payout.status}. Only pending payouts can be canceled.`,
    );
  }
  payout.status = 'canceled';
  payout.failure_balance_transaction = returnFunds(state, payout, 'payout_cancel').id;
  payout.trace_id = { status: 'unsupported', value: null };
  recordEvent(state, 'payout.canceled', payout);
  return payout;
}

function returnFunds(state: State, payout: Stripe.Payout, type: 'payout_cancel' | 'payout_failure') {
  const entry = ledgerEntry({
    type,
    source: payout.id,
    amount: payout.amount,
    currency: payout.currency,
    created: nowSeconds(),
    description: type === 'payout_cancel' ? 'PAYOUT CANCELED' : 'PAYOUT FAILURE',
  });
  state.balanceTransactions.set(entry.id, entry);
  return entry;
}
