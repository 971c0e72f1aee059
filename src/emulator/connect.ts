/**
 * Connect: connected accounts, destination charges (the platform charges, then transfers the payment to the
 * account and collects its application fee back), separate transfers, and their reversals, on their own or as
 * part of a refund (`reverse_transfer`, `refund_application_fee`). The emulator keeps one balance, the platform's:
 * every movement here is a balance transaction on it; connected accounts have no balance of their own.
 */
import type Stripe from 'stripe';
import { balance } from './balance.ts';
import {
  accountObject,
  applicationFeeObject,
  feeRefundObject,
  ledgerEntry,
  transferObject,
  transferReversalObject,
} from './connect-objects.ts';
import { ApiError, invalidRequest } from './errors.ts';
import { nowSeconds } from './ids.ts';
import { formatAmount } from './money.ts';
import {
  accountById,
  applicationFeeById,
  chargeById,
  transferById,
  type ApplicationFeeRecord,
  type State,
  type TransferRecord,
} from './state.ts';

export interface CreateAccount {
  type: Stripe.Account.Type;
  country: string;
  email?: string;
  businessType?: Stripe.Account.BusinessType;
  requestedCapabilities: readonly string[];
  defaultCurrency?: string;
  metadata: Record<string, string>;
}

/** Currencies the emulator gives an account of each country; others settle in USD. */
const countryCurrency: Readonly<Record<string, string>> = { US: 'usd', GB: 'gbp', CA: 'cad', AU: 'aud', JP: 'jpy' };

export function createAccount(state: State, input: CreateAccount): Stripe.Account {
  // A Standard account's capabilities are Stripe's to manage: it can take payments and receive transfers.
  const capabilities = input.type === 'standard' ? ['card_payments', 'transfers'] : input.requestedCapabilities;
  const account = accountObject({
    type: input.type,
    country: input.country,
    email: input.email ?? null,
    businessType: input.businessType ?? null,
    capabilities,
    defaultCurrency: input.defaultCurrency ?? countryCurrency[input.country] ?? 'eur',
    metadata: input.metadata,
    created: nowSeconds(),
  });
  state.accounts.set(account.id, account);
  return account;
}

/** The account named as `param`, refused unless it can receive transfers. */
export function transferDestination(state: State, id: string, param: string): Stripe.Account {
  const account = state.accounts.get(id);
  if (!account) throw invalidRequest(`No such destination: '${id}'`, { code: 'resource_missing', param });
  if (account.capabilities?.transfers !== 'active') {
    throw invalidRequest(
      'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
      { code: 'insufficient_capabilities_for_transfer', param },
    );
  }
  return account;
}

/** What a PaymentIntent says about Connect: where its money goes and what the platform keeps. */
export interface DestinationCharge {
  destination?: string;
  /** `transfer_data[amount]`: transfer this much instead of the whole payment. */
  transferAmount?: number;
  applicationFeeAmount?: number;
  onBehalfOf?: string;
  transferGroup?: string;
}

/** Refuses, before anything is made, a Connect setup Stripe would refuse for a payment of `amount`. */
export function checkDestinationCharge(state: State, amount: number, input: DestinationCharge): void {
  if (input.destination !== undefined) transferDestination(state, input.destination, 'transfer_data[destination]');
  if (input.onBehalfOf !== undefined) accountById(state, input.onBehalfOf, 'on_behalf_of');
  if (input.applicationFeeAmount !== undefined) {
    if (input.destination === undefined) {
      throw invalidRequest(
        'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment ' +
          '(using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
        { param: 'application_fee_amount' },
      );
    }
    if (input.applicationFeeAmount > amount) {
      throw invalidRequest('The application fee amount cannot be greater than the amount of the payment.', {
        param: 'application_fee_amount',
      });
    }
  }
  if (input.transferAmount !== undefined) {
    if (input.destination === undefined) throw missingDestination();
    if (input.applicationFeeAmount !== undefined) {
      throw invalidRequest('You cannot set both application_fee_amount and transfer_data[amount].', {
        param: 'transfer_data[amount]',
      });
    }
    if (input.transferAmount > amount) {
      throw invalidRequest('transfer_data[amount] cannot be greater than the amount of the payment.', {
        param: 'transfer_data[amount]',
      });
    }
  }
}

function missingDestination(): ApiError {
  return invalidRequest('Missing required param: transfer_data[destination].', {
    code: 'parameter_missing',
    param: 'transfer_data[destination]',
  });
}

/** Records the Connect fields on a PaymentIntent, then moves the money if it has been paid. */
export function applyDestinationCharge(state: State, paymentIntent: Stripe.PaymentIntent, input: DestinationCharge) {
  if (input.destination !== undefined) {
    paymentIntent.transfer_data = {
      destination: input.destination,
      ...(input.transferAmount !== undefined && { amount: input.transferAmount }),
    };
  }
  paymentIntent.application_fee_amount = input.applicationFeeAmount ?? null;
  paymentIntent.on_behalf_of = input.onBehalfOf ?? null;
  paymentIntent.transfer_group = input.transferGroup ?? null;
  settleDestinationCharge(state, paymentIntent);
}

/**
 * Once a destination charge succeeds: the whole payment (or `transfer_data[amount]`) goes to the connected account
 * and the application fee comes back, both as pending as the payment's own funds. Runs once per charge.
 */
export function settleDestinationCharge(state: State, paymentIntent: Stripe.PaymentIntent): void {
  const destination = paymentIntent.transfer_data?.destination;
  if (paymentIntent.status !== 'succeeded' || typeof destination !== 'string') return;
  const { charge } = chargeById(state, String(paymentIntent.latest_charge));
  if (charge.transfer) return;
  const chargeTransaction = state.balanceTransactions.get(String(charge.balance_transaction));
  const availableOn = chargeTransaction?.available_on ?? charge.created;
  const group = paymentIntent.transfer_group ?? `group_${paymentIntent.id}`;
  const transfer = createTransferRecord(state, {
    amount: paymentIntent.transfer_data?.amount ?? charge.amount,
    currency: charge.currency,
    destination,
    sourceTransaction: charge.id,
    transferGroup: group,
    metadata: {},
    availableOn,
    owner: paymentIntent.id,
  });
  charge.transfer = transfer.id;
  charge.transfer_data = { amount: paymentIntent.transfer_data?.amount ?? null, destination };
  charge.transfer_group = group;
  charge.on_behalf_of = paymentIntent.on_behalf_of;
  charge.application_fee_amount = paymentIntent.application_fee_amount;
  const feeAmount = paymentIntent.application_fee_amount;
  if (feeAmount === null) return;
  const entry = ledgerEntry({
    type: 'application_fee',
    source: '',
    amount: feeAmount,
    currency: charge.currency,
    created: charge.created,
    description: null,
    availableOn,
  });
  const fee = applicationFeeObject(transfer, charge, feeAmount, entry.id);
  entry.source = fee.id;
  state.balanceTransactions.set(entry.id, entry);
  state.applicationFees.set(fee.id, { fee, refunds: [] });
  for (const id of [entry.id, fee.id]) state.own(paymentIntent.id, id);
  charge.application_fee = fee.id;
}

export interface CreateTransfer {
  amount: number;
  currency: string;
  destination: string;
  sourceTransaction?: string;
  transferGroup?: string;
  description?: string;
  metadata: Record<string, string>;
}

/** A separate transfer: from a payment's funds (`source_transaction`) or from the available balance. */
export function createTransfer(state: State, input: CreateTransfer): Stripe.Transfer {
  transferDestination(state, input.destination, 'destination');
  if (input.amount <= 0) throw invalidRequest('Invalid positive integer', { param: 'amount' });
  if (input.sourceTransaction === undefined) {
    const available = balance(state).available.find((funds) => funds.currency === input.currency)?.amount ?? 0;
    if (available < input.amount) throw insufficientFunds();
    return createTransferRecord(state, {
      ...input,
      sourceTransaction: null,
      transferGroup: input.transferGroup ?? null,
    });
  }
  const { charge } = chargeById(state, input.sourceTransaction, 'source_transaction');
  if (charge.status !== 'succeeded') {
    throw invalidRequest(`The source_transaction ${charge.id} has not succeeded, so there is nothing to transfer.`, {
      param: 'source_transaction',
    });
  }
  if (charge.currency !== input.currency) {
    throw invalidRequest(
      `The currency of source_transaction's balance transaction (${charge.currency}) must be the same as the transfer currency (${input.currency}).`,
      { param: 'currency' },
    );
  }
  const transferred = [...state.transfers.values()]
    .filter(({ transfer }) => transfer.source_transaction === charge.id)
    .reduce((sum, { transfer }) => sum + transfer.amount - transfer.amount_reversed, 0);
  const left = charge.amount - charge.amount_refunded - transferred;
  if (input.amount > left) {
    throw invalidRequest(
      `Insufficient funds in the source_transaction: the transfer amount (${formatAmount(input.amount, input.currency)}) ` +
        `is greater than what is left of ${charge.id} to transfer (${formatAmount(left, input.currency)}).`,
      { code: 'balance_insufficient', param: 'amount' },
    );
  }
  const chargeTransaction = state.balanceTransactions.get(String(charge.balance_transaction));
  return createTransferRecord(state, {
    ...input,
    sourceTransaction: charge.id,
    transferGroup: input.transferGroup ?? null,
    availableOn: chargeTransaction?.available_on ?? charge.created,
    ...(typeof charge.payment_intent === 'string' && { owner: charge.payment_intent }),
  });
}

function insufficientFunds(): ApiError {
  return invalidRequest(
    'You have insufficient funds in your Stripe account. One likely reason you have insufficient funds is that your ' +
      'funds are automatically being paid out; try enabling manual payouts. In test mode, you can add funds to your ' +
      'available balance (bypassing your pending balance) by creating a charge with 4000 0000 0000 0077 as the card number.',
    { code: 'balance_insufficient' },
  );
}

interface TransferRecordInput {
  amount: number;
  currency: string;
  destination: string;
  sourceTransaction: string | null;
  transferGroup: string | null;
  description?: string;
  metadata: Record<string, string>;
  availableOn?: number;
  /** The payment intent the transfer is forgotten with, if it came from one. */
  owner?: string;
}

function createTransferRecord(state: State, input: TransferRecordInput): Stripe.Transfer {
  const created = nowSeconds();
  const entry = ledgerEntry({
    type: 'transfer',
    source: '',
    amount: -input.amount,
    currency: input.currency,
    created,
    description: null,
    ...(input.availableOn !== undefined && { availableOn: input.availableOn }),
  });
  const transfer = transferObject({
    amount: input.amount,
    currency: input.currency,
    destination: input.destination,
    created,
    description: input.description ?? null,
    metadata: input.metadata,
    sourceTransaction: input.sourceTransaction,
    transferGroup: input.transferGroup,
    balanceTransaction: entry.id,
  });
  entry.source = transfer.id;
  state.balanceTransactions.set(entry.id, entry);
  state.transfers.set(transfer.id, { transfer, reversals: [], seq: state.nextSeq() });
  if (input.owner !== undefined) for (const id of [entry.id, transfer.id]) state.own(input.owner, id);
  return transfer;
}

export interface ReverseTransfer {
  amount?: number;
  refundApplicationFee: boolean;
  description?: string;
  metadata: Record<string, string>;
}

/** Takes money back from the connected account: all that is left of the transfer unless `amount` says less. */
export function reverseTransfer(
  state: State,
  id: string,
  input: ReverseTransfer,
  sourceRefund: string | null = null,
): Stripe.TransferReversal {
  const record = transferById(state, id);
  const { transfer } = record;
  const left = transfer.amount - transfer.amount_reversed;
  if (left === 0) {
    throw invalidRequest(`Transfer ${transfer.id} has already been fully reversed.`, {
      code: 'transfer_already_reversed',
    });
  }
  const amount = input.amount ?? left;
  if (amount <= 0) throw invalidRequest('Invalid positive integer', { param: 'amount' });
  if (amount > left) {
    throw invalidRequest(
      `Reversal amount (${formatAmount(amount, transfer.currency)}) is greater than the transfer's unreversed amount ` +
        `(${formatAmount(left, transfer.currency)}).`,
      { param: 'amount' },
    );
  }
  const created = nowSeconds();
  const entry = ledgerEntry({
    type: 'transfer_refund',
    source: '',
    amount,
    currency: transfer.currency,
    created,
    description: null,
  });
  const reversal = transferReversalObject(transfer, amount, created, entry.id, input.metadata, sourceRefund);
  entry.source = reversal.id;
  state.balanceTransactions.set(entry.id, entry);
  state.transferReversals.set(reversal.id, reversal);
  record.reversals.push(reversal.id);
  transfer.amount_reversed += amount;
  transfer.reversed = transfer.amount_reversed === transfer.amount;
  transfer.reversals = reversalList(state, record, 10);
  ownWithSource(state, transfer, entry.id, reversal.id);

  const feeId = sourceFeeOf(state, transfer);
  if (input.refundApplicationFee && feeId !== undefined) {
    // In proportion to the share of the transfer reversed; the last reversal takes what is left.
    const fee = applicationFeeById(state, feeId);
    const share = transfer.reversed ? Infinity : Math.round((fee.fee.amount * amount) / transfer.amount);
    refundApplicationFee(state, fee, share);
  }
  return reversal;
}

/** A transfer's reversals, newest first: the first `limit` of them. */
export function reversalList(
  state: State,
  record: TransferRecord,
  limit: number,
): Stripe.ApiList<Stripe.TransferReversal> {
  const ids = record.reversals.slice(-limit).reverse();
  return {
    object: 'list',
    data: ids.flatMap((id) => state.transferReversals.get(id) ?? []),
    has_more: record.reversals.length > limit,
    url: `/v1/transfers/${record.transfer.id}/reversals`,
  };
}

/** The options a refund takes for a destination charge. */
export interface ConnectRefund {
  reverseTransfer: boolean;
  refundApplicationFee: boolean;
}

/**
 * After a refund of a destination charge: the transfer is reversed and the application fee refunded, each in
 * proportion to the share of the payment refunded, when asked. Without `reverse_transfer` the platform bears it.
 */
export function applyConnectRefund(state: State, refund: Stripe.Refund, input: ConnectRefund): void {
  const { charge } = chargeById(state, String(refund.charge));
  const transferId = typeof charge.transfer === 'string' ? charge.transfer : undefined;
  const fullyRefunded = charge.amount_refunded === charge.amount;
  if (input.reverseTransfer && transferId !== undefined) {
    const { transfer } = transferById(state, transferId);
    const left = transfer.amount - transfer.amount_reversed;
    const share = fullyRefunded ? left : Math.min(left, Math.round((transfer.amount * refund.amount) / charge.amount));
    if (share > 0) {
      const reversal = reverseTransfer(
        state,
        transferId,
        { amount: share, refundApplicationFee: false, metadata: {} },
        refund.id,
      );
      refund.transfer_reversal = reversal.id;
    }
  }
  const feeId = typeof charge.application_fee === 'string' ? charge.application_fee : undefined;
  if (input.refundApplicationFee && feeId !== undefined) {
    const fee = applicationFeeById(state, feeId);
    refundApplicationFee(
      state,
      fee,
      fullyRefunded ? Infinity : Math.round((fee.fee.amount * refund.amount) / charge.amount),
    );
  }
}

/** Gives back up to `amount` of the fee (capped at what is left) to the connected account. */
function refundApplicationFee(state: State, record: ApplicationFeeRecord, amount: number): void {
  const { fee } = record;
  const refunded = Math.min(amount, fee.amount - fee.amount_refunded);
  if (refunded <= 0) return;
  const created = nowSeconds();
  const entry = ledgerEntry({
    type: 'application_fee_refund',
    source: '',
    amount: -refunded,
    currency: fee.currency,
    created,
    description: null,
  });
  const feeRefund = feeRefundObject(fee, refunded, created, entry.id);
  entry.source = feeRefund.id;
  state.balanceTransactions.set(entry.id, entry);
  state.feeRefunds.set(feeRefund.id, feeRefund);
  record.refunds.push(feeRefund.id);
  fee.amount_refunded += refunded;
  fee.refunded = fee.amount_refunded === fee.amount;
  const ids = record.refunds.slice(-10).reverse();
  fee.refunds = {
    object: 'list',
    data: ids.flatMap((id) => state.feeRefunds.get(id) ?? []),
    has_more: record.refunds.length > 10,
    url: `/v1/application_fees/${fee.id}/refunds`,
  };
  const owner = typeof fee.originating_transaction === 'string' ? fee.originating_transaction : undefined;
  const paymentIntent = owner === undefined ? undefined : state.charges.get(owner)?.charge.payment_intent;
  if (typeof paymentIntent === 'string') for (const id of [entry.id, feeRefund.id]) state.own(paymentIntent, id);
}

/** The application fee of the destination charge a transfer came from, if any. */
function sourceFeeOf(state: State, transfer: Stripe.Transfer): string | undefined {
  if (typeof transfer.source_transaction !== 'string') return undefined;
  const fee = state.charges.get(transfer.source_transaction)?.charge.application_fee;
  return typeof fee === 'string' ? fee : undefined;
}

/** Files objects made for a transfer under the payment its money came from, so they are forgotten together. */
function ownWithSource(state: State, transfer: Stripe.Transfer, ...ids: string[]): void {
  if (typeof transfer.source_transaction !== 'string') return;
  const paymentIntent = state.charges.get(transfer.source_transaction)?.charge.payment_intent;
  if (typeof paymentIntent === 'string') for (const id of ids) state.own(paymentIntent, id);
}
