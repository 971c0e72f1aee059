/**
 * The objects of money moving between accounts, as the API returns them: connected accounts, transfers and their
 * reversals, application fees and their refunds, and the platform's balance transactions for each. Behavior lives
 * in connect.ts and payouts.ts.
 */
import type Stripe from 'stripe';
import { newId } from './ids.ts';

/** The balance transaction types money movement adds, with the reporting category Stripe files each under. */
const categories = {
  transfer: 'transfer',
  transfer_refund: 'transfer_reversal',
  application_fee: 'platform_earning',
  application_fee_refund: 'platform_earning_refund',
  payout: 'payout',
  payout_cancel: 'payout_reversal',
  payout_failure: 'payout_reversal',
} as const;

export type LedgerType = keyof typeof categories;

interface LedgerInput {
  type: LedgerType;
  source: string;
  /** Signed: what the platform's balance gains (positive) or loses (negative). */
  amount: number;
  currency: string;
  created: number;
  description: string | null;
  /** When the money counts as available: a destination charge's transfer waits for the charge's funds. */
  availableOn?: number;
}

/** A fee-free balance transaction; `pending` until `availableOn` when that lies ahead. */
export function ledgerEntry(input: LedgerInput): Stripe.BalanceTransaction {
  const availableOn = input.availableOn ?? input.created;
  return {
    id: newId('txn_'),
    object: 'balance_transaction',
    amount: input.amount,
    available_on: availableOn,
    balance_type: 'payments',
    created: input.created,
    currency: input.currency,
    description: input.description,
    exchange_rate: null,
    fee: 0,
    fee_details: [],
    net: input.amount,
    reporting_category: categories[input.type],
    source: input.source,
    status: availableOn > input.created ? 'pending' : 'available',
    type: input.type,
  };
}

export interface AccountInput {
  type: Stripe.Account.Type;
  country: string;
  email: string | null;
  businessType: Stripe.Account.BusinessType | null;
  /** Capability names the account asked for; the emulator skips onboarding, so each is active at once. */
  capabilities: readonly string[];
  defaultCurrency: string;
  metadata: Record<string, string>;
  created: number;
}

export function accountObject(input: AccountInput): Stripe.Account {
  const id = newId('acct_', 16);
  const active = Object.fromEntries(input.capabilities.map((name) => [name, 'active']));
  const noneDue = {
    alternatives: [],
    current_deadline: null,
    currently_due: [],
    disabled_reason: null,
    errors: [],
    eventually_due: [],
    past_due: [],
    pending_verification: [],
  };
  return {
    id,
    object: 'account',
    business_profile: null,
    business_type: input.businessType,
    capabilities: active,
    charges_enabled: 'card_payments' in active,
    controller: {
      type: 'application',
      is_controller: true,
      requirement_collection: input.type === 'standard' ? 'stripe' : 'application',
      losses: { payments: input.type === 'standard' ? 'stripe' : 'application' },
      fees: { payer: input.type === 'standard' ? 'account' : 'application' },
      stripe_dashboard: { type: input.type === 'custom' ? 'none' : input.type === 'express' ? 'express' : 'full' },
    },
    country: input.country,
    created: input.created,
    default_currency: input.defaultCurrency,
    details_submitted: true,
    email: input.email,
    external_accounts: { object: 'list', data: [], has_more: false, url: `/v1/accounts/${id}/external_accounts` },
    future_requirements: { ...noneDue, disabled_reason: null },
    metadata: input.metadata,
    payouts_enabled: 'transfers' in active,
    requirements: noneDue,
    tos_acceptance: { date: input.created },
    type: input.type,
  };
}

interface TransferInput {
  amount: number;
  currency: string;
  destination: string;
  created: number;
  description: string | null;
  metadata: Record<string, string>;
  sourceTransaction: string | null;
  transferGroup: string | null;
  balanceTransaction: string;
}

export function transferObject(input: TransferInput): Stripe.Transfer {
  const id = newId('tr_');
  return {
    id,
    object: 'transfer',
    amount: input.amount,
    amount_reversed: 0,
    balance_transaction: input.balanceTransaction,
    created: input.created,
    currency: input.currency,
    description: input.description,
    destination: input.destination,
    // The payment the connected account sees in its own balance.
    destination_payment: newId('py_'),
    livemode: false,
    metadata: input.metadata,
    reversals: { object: 'list', data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
    reversed: false,
    source_transaction: input.sourceTransaction,
    source_type: 'card',
    transfer_group: input.transferGroup,
  };
}

export function transferReversalObject(
  transfer: Stripe.Transfer,
  amount: number,
  created: number,
  balanceTransaction: string,
  metadata: Record<string, string>,
  sourceRefund: string | null,
): Stripe.TransferReversal {
  return {
    id: newId('trr_'),
    object: 'transfer_reversal',
    amount,
    balance_transaction: balanceTransaction,
    created,
    currency: transfer.currency,
    destination_payment_refund: newId('pyr_'),
    metadata,
    source_refund: sourceRefund,
    transfer: transfer.id,
  };
}

/** The platform's Connect application, which every application fee names. */
export const platformApplication = 'ca_emulatorplatform0000000000';

export function applicationFeeObject(
  transfer: Stripe.Transfer,
  charge: Stripe.Charge,
  amount: number,
  balanceTransaction: string,
): Stripe.ApplicationFee {
  const id = newId('fee_');
  // Stripe collects the fee out of the connected account's payment, not the platform's charge.
  const payment = String(transfer.destination_payment);
  return {
    id,
    object: 'application_fee',
    account: String(transfer.destination),
    amount,
    amount_refunded: 0,
    application: platformApplication,
    balance_transaction: balanceTransaction,
    charge: payment,
    created: charge.created,
    currency: charge.currency,
    fee_source: { charge: payment, type: 'charge' },
    livemode: false,
    originating_transaction: charge.id,
    refunded: false,
    refunds: { object: 'list', data: [], has_more: false, url: `/v1/application_fees/${id}/refunds` },
  };
}

export function feeRefundObject(
  fee: Stripe.ApplicationFee,
  amount: number,
  created: number,
  balanceTransaction: string,
): Stripe.FeeRefund {
  return {
    id: newId('fr_'),
    object: 'fee_refund',
    amount,
    balance_transaction: balanceTransaction,
    created,
    currency: fee.currency,
    fee: fee.id,
    metadata: {},
  };
}
