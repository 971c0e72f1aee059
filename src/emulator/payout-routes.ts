/** The payout endpoints: make one from the available balance, find them, cancel a pending one. */
import { limitParam } from './customer-routes.ts';
import { invalidRequest } from './errors.ts';
import type { FormObject } from './form.ts';
import { cursorParams, listPage, rangeParam } from './list-page.ts';
import { metadata, missing, optionalInteger, optionalString, requiredString } from './params.ts';
import { cancelPayout, createPayout } from './payouts.ts';
import { route, type Route } from './route.ts';
import { payoutById, type State } from './state.ts';

const statuses = ['canceled', 'failed', 'in_transit', 'paid', 'pending'];

export function createPayoutRoutes(state: State): Route[] {
  return [
    route(
      'POST',
      /^\/v1\/payouts$/,
      'payout',
      ['amount', 'currency', 'description', 'destination', 'metadata', 'method', 'statement_descriptor'],
      (params) => {
        const amount = optionalInteger(params, 'amount');
        if (amount === undefined) throw missing('amount');
        const destination = optionalString(params, 'destination');
        const description = optionalString(params, 'description');
        const statementDescriptor = optionalString(params, 'statement_descriptor');
        return createPayout(state, {
          amount,
          currency: requiredString(params, 'currency').toLowerCase(),
          method: methodParam(params),
          metadata: metadata(params),
          ...(destination !== undefined && { destination }),
          ...(description !== undefined && { description }),
          ...(statementDescriptor !== undefined && { statementDescriptor }),
        });
      },
    ),
    route(
      'GET',
      /^\/v1\/payouts$/,
      'list:payout',
      ['arrival_date', 'created', 'destination', 'ending_before', 'limit', 'starting_after', 'status'],
      (params) => {
        const status = optionalString(params, 'status');
        if (status !== undefined && !statuses.includes(status)) {
          throw invalidRequest(`Invalid status: must be one of ${statuses.join(', ')}`, { param: 'status' });
        }
        const destination = optionalString(params, 'destination');
        const arrivalDate = rangeParam(params, 'arrival_date');
        const created = rangeParam(params, 'created');
        const all = [...state.payouts].map(([id, record]) => [id, record.payout] as const);
        const { data, hasMore } = listPage(
          all,
          (payout) =>
            (status === undefined || payout.status === status) &&
            (destination === undefined || payout.destination === destination) &&
            (arrivalDate === undefined || arrivalDate(payout.arrival_date)) &&
            (created === undefined || created(payout.created)),
          cursorParams(params, limitParam(params)),
          'payout',
        );
        return { object: 'list', data, has_more: hasMore, url: '/v1/payouts' };
      },
    ),
    route('GET', /^\/v1\/payouts\/([^/]+)$/, 'payout', [], (_params, id) => payoutById(state, id).payout),
    route('POST', /^\/v1\/payouts\/([^/]+)$/, 'payout', ['metadata'], (params, id) => {
      const { payout } = payoutById(state, id);
      payout.metadata = { ...payout.metadata, ...metadata(params) };
      return payout;
    }),
    route('POST', /^\/v1\/payouts\/([^/]+)\/cancel$/, 'payout', [], (_params, id) => cancelPayout(state, id)),
  ];
}

function methodParam(params: FormObject): 'instant' | 'standard' {
  const method = optionalString(params, 'method') ?? 'standard';
  if (method !== 'instant' && method !== 'standard') {
    throw invalidRequest('Invalid method: must be one of instant or standard', { param: 'method' });
  }
  return method;
}
