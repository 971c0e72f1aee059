/**
 * The endpoints for customers, their cards and payment methods, and the balance: what the help center's
 * samples call besides payments and refunds. Same conventions as routes.ts: parameters read the way Stripe
 * reads them, unknown ones refused, everything synchronous.
 */
import { invalidRequest } from './errors.ts';
import { balance, listBalanceTransactions } from './balance.ts';
import {
  addSource,
  attachPaymentMethod,
  createCustomer,
  deleteSource,
  detachPaymentMethod,
  paymentMethodsOf,
  sourcesOf,
  updateCustomer,
  type CustomerFields,
} from './customers.ts';
import type { FormObject } from './form.ts';
import { allowOnly, metadata, optionalHash, optionalInteger, optionalString, requiredString } from './params.ts';
import { route, type Route } from './route.ts';
import { balanceTransactionById, customerById, paymentMethodById, type State } from './state.ts';

const customerFields = ['description', 'email', 'metadata', 'name'];

export function createCustomerRoutes(state: State): Route[] {
  return [
    route('POST', /^\/v1\/customers$/, 'customer', [...customerFields, 'source'], (params) => {
      const source = optionalString(params, 'source');
      return createCustomer(state, { ...fields(params), ...(source !== undefined && { source }) });
    }),
    route('GET', /^\/v1\/customers\/([^/]+)$/, 'customer', [], (_params, id) => customerById(state, id)),
    route(
      'POST',
      /^\/v1\/customers\/([^/]+)$/,
      'customer',
      [...customerFields, 'default_source', 'invoice_settings', 'source'],
      (params, id) => {
        const source = optionalString(params, 'source');
        const defaultSource = optionalString(params, 'default_source');
        const invoiceSettings = optionalHash(params, 'invoice_settings');
        if (invoiceSettings) allowOnly(invoiceSettings, ['default_payment_method'], 'invoice_settings');
        // An empty value clears the default, as `invoice_settings[default_payment_method]=` does in Stripe.
        const defaultPaymentMethod = invoiceSettings && optionalString(invoiceSettings, 'default_payment_method');
        return updateCustomer(state, id, {
          ...fields(params),
          ...(source !== undefined && { source }),
          ...(defaultSource !== undefined && { defaultSource }),
          ...(defaultPaymentMethod !== undefined && { defaultPaymentMethod: defaultPaymentMethod || null }),
        });
      },
    ),
    route('POST', /^\/v1\/customers\/([^/]+)\/sources$/, 'card', ['metadata', 'source'], (params, id) =>
      addSource(state, id, requiredString(params, 'source')),
    ),
    route('GET', /^\/v1\/customers\/([^/]+)\/sources$/, 'list:card', ['limit', 'object'], (params, id) => {
      const object = optionalString(params, 'object');
      // The emulator's customers only hold cards, so any other kind of source lists nothing.
      const cards = object === undefined || object === 'card' ? sourcesOf(state, id) : [];
      return list(cards, limitParam(params), `/v1/customers/${id}/sources`);
    }),
    // Both ids in one group: the router hands a route a single id, and this one needs the customer's too.
    route('DELETE', /^\/v1\/customers\/([^/]+\/sources\/[^/]+)$/, 'card', [], (_params, ids) => {
      const [customerId = '', , cardId = ''] = ids.split('/');
      return deleteSource(state, customerId, cardId);
    }),
    route(
      'GET',
      /^\/v1\/customers\/([^/]+)\/payment_methods$/,
      'list:payment_method',
      ['limit', 'type'],
      (params, id) => {
        const type = optionalString(params, 'type');
        const methods = paymentMethodsOf(state, id).filter((method) => type === undefined || method.type === type);
        return list(methods, limitParam(params), `/v1/customers/${id}/payment_methods`);
      },
    ),
    route('GET', /^\/v1\/payment_methods\/([^/]+)$/, 'payment_method', [], (_params, id) =>
      paymentMethodById(state, id),
    ),
    route('POST', /^\/v1\/payment_methods\/([^/]+)\/attach$/, 'payment_method', ['customer'], (params, id) =>
      attachPaymentMethod(state, id, requiredString(params, 'customer')),
    ),
    route('POST', /^\/v1\/payment_methods\/([^/]+)\/detach$/, 'payment_method', [], (_params, id) =>
      detachPaymentMethod(state, id),
    ),
    route('GET', /^\/v1\/balance$/, 'balance', [], () => balance(state)),
    route(
      'GET',
      /^\/v1\/balance_transactions$/,
      'list:balance_transaction',
      ['limit', 'source', 'starting_after', 'type'],
      (params) => {
        const type = optionalString(params, 'type');
        const source = optionalString(params, 'source');
        const startingAfter = optionalString(params, 'starting_after');
        if (startingAfter !== undefined) balanceTransactionById(state, startingAfter, 'starting_after');
        const { data, hasMore } = listBalanceTransactions(state, {
          limit: limitParam(params),
          ...(type !== undefined && { type }),
          ...(source !== undefined && { source }),
          ...(startingAfter !== undefined && { startingAfter }),
        });
        return { object: 'list', data, has_more: hasMore, url: '/v1/balance_transactions' };
      },
    ),
  ];
}

function fields(params: FormObject): CustomerFields {
  const email = optionalString(params, 'email');
  const name = optionalString(params, 'name');
  const description = optionalString(params, 'description');
  return {
    metadata: metadata(params),
    ...(email !== undefined && { email }),
    ...(name !== undefined && { name }),
    ...(description !== undefined && { description }),
  };
}

function list(items: object[], limit: number, url: string) {
  return { object: 'list', data: items.slice(0, limit), has_more: items.length > limit, url };
}

export function limitParam(params: FormObject): number {
  const limit = optionalInteger(params, 'limit') ?? 10;
  if (limit < 1) throw invalidRequest('This value must be greater than or equal to 1.', { param: 'limit' });
  if (limit > 100) throw invalidRequest('This value must be less than or equal to 100.', { param: 'limit' });
  return limit;
}
