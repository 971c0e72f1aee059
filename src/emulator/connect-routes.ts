/**
 * The Connect endpoints (accounts, transfers, reversals, application fees), and the Connect parameters of the
 * payment and refund endpoints, added around those routes so payments.ts and refunds.ts stay about one account.
 */
import type Stripe from 'stripe';
import { limitParam } from './customer-routes.ts';
import {
  applyConnectRefund,
  applyDestinationCharge,
  checkDestinationCharge,
  createAccount,
  createTransfer,
  reverseTransfer,
  settleDestinationCharge,
  type DestinationCharge,
} from './connect.ts';
import { ApiError, invalidRequest } from './errors.ts';
import type { FormObject } from './form.ts';
import { cursorParams, listPage, rangeParam } from './list-page.ts';
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
import { accountById, applicationFeeById, transferById, type State } from './state.ts';

const accountTypes = ['custom', 'express', 'standard'] as const;
const businessTypes = ['company', 'government_entity', 'individual', 'non_profit'] as const;

export function createConnectRoutes(state: State): Route[] {
  return [
    route(
      'POST',
      /^\/v1\/accounts$/,
      'account',
      ['business_type', 'capabilities', 'country', 'default_currency', 'email', 'metadata', 'type'],
      (params) => {
        const email = optionalString(params, 'email');
        const businessType = oneOf(params, 'business_type', businessTypes);
        const defaultCurrency = optionalString(params, 'default_currency')?.toLowerCase();
        return createAccount(state, {
          // Without a type or controller, Stripe makes a Standard account.
          type: oneOf(params, 'type', accountTypes) ?? 'standard',
          country: (optionalString(params, 'country') ?? 'US').toUpperCase(),
          requestedCapabilities: requestedCapabilities(params),
          metadata: metadata(params),
          ...(email !== undefined && { email }),
          ...(businessType !== undefined && { businessType }),
          ...(defaultCurrency !== undefined && { defaultCurrency }),
        });
      },
    ),
    route('GET', /^\/v1\/accounts\/([^/]+)$/, 'account', [], (_params, id) => accountById(state, id)),
    route(
      'POST',
      /^\/v1\/transfers$/,
      'transfer',
      ['amount', 'currency', 'description', 'destination', 'metadata', 'source_transaction', 'transfer_group'],
      (params) => {
        const amount = optionalInteger(params, 'amount');
        if (amount === undefined) throw missing('amount');
        const description = optionalString(params, 'description');
        const sourceTransaction = optionalString(params, 'source_transaction');
        const transferGroup = optionalString(params, 'transfer_group');
        return createTransfer(state, {
          amount,
          currency: requiredString(params, 'currency').toLowerCase(),
          destination: requiredString(params, 'destination'),
          metadata: metadata(params),
          ...(description !== undefined && { description }),
          ...(sourceTransaction !== undefined && { sourceTransaction }),
          ...(transferGroup !== undefined && { transferGroup }),
        });
      },
    ),
    route(
      'GET',
      /^\/v1\/transfers$/,
      'list:transfer',
      ['created', 'destination', 'ending_before', 'limit', 'starting_after', 'transfer_group'],
      (params) => {
        const destination = optionalString(params, 'destination');
        const group = optionalString(params, 'transfer_group');
        const created = rangeParam(params, 'created');
        const all = [...state.transfers].map(([id, record]) => [id, record.transfer] as const);
        const { data, hasMore } = listPage(
          all,
          (transfer) =>
            (destination === undefined || transfer.destination === destination) &&
            (group === undefined || transfer.transfer_group === group) &&
            (created === undefined || created(transfer.created)),
          cursorParams(params, limitParam(params)),
          'transfer',
        );
        return { object: 'list', data, has_more: hasMore, url: '/v1/transfers' };
      },
    ),
    route('GET', /^\/v1\/transfers\/([^/]+)$/, 'transfer', [], (_params, id) => transferById(state, id).transfer),
    route(
      'POST',
      /^\/v1\/transfers\/([^/]+)\/reversals$/,
      'transfer_reversal',
      ['amount', 'description', 'metadata', 'refund_application_fee'],
      (params, id) => {
        const amount = optionalInteger(params, 'amount');
        const description = optionalString(params, 'description');
        return reverseTransfer(state, id, {
          refundApplicationFee: optionalBoolean(params, 'refund_application_fee') ?? false,
          metadata: metadata(params),
          ...(amount !== undefined && { amount }),
          ...(description !== undefined && { description }),
        });
      },
    ),
    route(
      'GET',
      /^\/v1\/transfers\/([^/]+)\/reversals$/,
      'list:transfer_reversal',
      ['ending_before', 'limit', 'starting_after'],
      (params, id) => {
        const record = transferById(state, id);
        const all = record.reversals.flatMap((reversalId) => {
          const reversal = state.transferReversals.get(reversalId);
          return reversal ? [[reversalId, reversal] as const] : [];
        });
        const { data, hasMore } = listPage(
          all,
          () => true,
          cursorParams(params, limitParam(params)),
          'transfer reversal',
        );
        return { object: 'list', data, has_more: hasMore, url: `/v1/transfers/${id}/reversals` };
      },
    ),
    route(
      'GET',
      /^\/v1\/application_fees\/([^/]+)$/,
      'application_fee',
      [],
      (_params, id) => applicationFeeById(state, id).fee,
    ),
    route(
      'GET',
      /^\/v1\/application_fees$/,
      'list:application_fee',
      ['charge', 'created', 'ending_before', 'limit', 'starting_after'],
      (params) => {
        const charge = optionalString(params, 'charge');
        const created = rangeParam(params, 'created');
        const all = [...state.applicationFees].map(([id, record]) => [id, record.fee] as const);
        const { data, hasMore } = listPage(
          all,
          // The fee names the connected account's payment; the platform filters by its own charge.
          (fee) =>
            (charge === undefined || fee.originating_transaction === charge || fee.charge === charge) &&
            (created === undefined || created(fee.created)),
          cursorParams(params, limitParam(params)),
          'application fee',
        );
        return { object: 'list', data, has_more: hasMore, url: '/v1/application_fees' };
      },
    ),
  ];
}

/**
 * The payment and refund routes with their Connect parameters: a PaymentIntent's `transfer_data`,
 * `application_fee_amount`, `on_behalf_of` and `transfer_group`; a refund's `reverse_transfer` and
 * `refund_application_fee`. The wrapped route never sees them; what they ask for is done around it.
 */
export function withConnect(state: State, routes: Route[]): Route[] {
  return routes.map((inner) => {
    const path = inner.pattern.source;
    if (inner.method !== 'POST') return inner;
    if (path === String.raw`^\/v1\/payment_intents$`) return { ...inner, handle: destinationCharge(state, inner) };
    if (path === String.raw`^\/v1\/refunds$`) return { ...inner, handle: connectRefund(state, inner) };
    // Confirming (or capturing) a destination charge moves its money once the payment succeeds.
    if (inner.answers === 'payment_intent') {
      return {
        ...inner,
        handle(params, id) {
          const paymentIntent = inner.handle(params, id) as Stripe.PaymentIntent;
          settleDestinationCharge(state, paymentIntent);
          return paymentIntent;
        },
      };
    }
    return inner;
  });
}

const destinationParams = ['application_fee_amount', 'on_behalf_of', 'transfer_data', 'transfer_group'];

function destinationCharge(state: State, inner: Route): Route['handle'] {
  return (params, id) => {
    const { taken, rest } = split(params, destinationParams);
    if (Object.keys(taken).length === 0) return inner.handle(params, id);
    const input = destinationParam(taken);
    checkDestinationCharge(state, optionalInteger(params, 'amount') ?? Infinity, input);
    try {
      const paymentIntent = inner.handle(rest, id) as Stripe.PaymentIntent;
      applyDestinationCharge(state, paymentIntent, input);
      return paymentIntent;
    } catch (error) {
      // A declined payment is still made, and keeps what it was asked to do.
      if (error instanceof ApiError && error.body.payment_intent)
        applyDestinationCharge(state, error.body.payment_intent, input);
      throw error;
    }
  };
}

function destinationParam(params: FormObject): DestinationCharge {
  const transferData = optionalHash(params, 'transfer_data');
  if (transferData) allowOnly(transferData, ['amount', 'destination'], 'transfer_data');
  const destination = transferData && optionalString(transferData, 'destination');
  if (transferData && !destination) throw missing('transfer_data[destination]');
  const transferAmount = transferData && optionalInteger(transferData, 'amount');
  const applicationFeeAmount = optionalInteger(params, 'application_fee_amount');
  if (applicationFeeAmount !== undefined && applicationFeeAmount < 0) {
    throw invalidRequest('Invalid non-negative integer', { param: 'application_fee_amount' });
  }
  const onBehalfOf = optionalString(params, 'on_behalf_of');
  const transferGroup = optionalString(params, 'transfer_group');
  return {
    ...(destination !== undefined && { destination }),
    ...(transferAmount !== undefined && { transferAmount }),
    ...(applicationFeeAmount !== undefined && { applicationFeeAmount }),
    ...(onBehalfOf !== undefined && { onBehalfOf }),
    ...(transferGroup !== undefined && { transferGroup }),
  };
}

function connectRefund(state: State, inner: Route): Route['handle'] {
  return (params, id) => {
    const { taken, rest } = split(params, ['refund_application_fee', 'reverse_transfer']);
    const reverse = optionalBoolean(taken, 'reverse_transfer') ?? false;
    const refundFee = optionalBoolean(taken, 'refund_application_fee') ?? false;
    const refund = inner.handle(rest, id) as Stripe.Refund;
    if (reverse || refundFee)
      applyConnectRefund(state, refund, { reverseTransfer: reverse, refundApplicationFee: refundFee });
    return refund;
  };
}

/** The named parameters apart from the rest; the form's null prototype is kept. */
function split(params: FormObject, names: readonly string[]): { taken: FormObject; rest: FormObject } {
  const taken: FormObject = Object.create(null);
  const rest: FormObject = Object.create(null);
  for (const [key, value] of Object.entries(params)) (names.includes(key) ? taken : rest)[key] = value;
  return { taken, rest };
}

function requestedCapabilities(params: FormObject): string[] {
  const hash = optionalHash(params, 'capabilities') ?? {};
  return Object.keys(hash).filter((name) => {
    const capability = optionalHash(hash, name);
    if (!capability) throw invalidRequest('Invalid hash', { param: `capabilities[${name}]` });
    allowOnly(capability, ['requested'], `capabilities[${name}]`);
    return optionalBoolean(capability, 'requested') ?? false;
  });
}

function oneOf<T extends string>(params: FormObject, name: string, values: readonly T[]): T | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  const known = values.find((candidate) => candidate === value);
  if (!known) throw invalidRequest(`Invalid ${name}: must be one of ${values.join(', ')}`, { param: name });
  return known;
}
