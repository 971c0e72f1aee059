/**
 * The endpoints the emulator answers: each reads its parameters the way Stripe does and runs the operation;
 * `expand` is checked before it and applied after it. Everything here is synchronous, which is what makes a
 * request atomic in the emulator.
 */
import { withConnect } from './connect-routes.ts';
import { createCustomerRoutes, limitParam } from './customer-routes.ts';
import { invalidRequest } from './errors.ts';
import { createMoneyRoutes } from './money-routes.ts';
import { checkExpand, createExpand, type Expand } from './expand.ts';
import type { FormObject } from './form.ts';
import {
  allowOnly,
  metadata,
  missing,
  optionalBoolean,
  optionalHash,
  optionalInteger,
  optionalString,
  requiredString,
  stringArray,
} from './params.ts';
import { captureMethodParam, offSessionParam, paymentLifecycleRoutes, receiptEmailParam } from './lifecycle-routes.ts';
import { confirmPaymentIntent, createPaymentIntent } from './payments.ts';
import { rangeParam } from './list-page.ts';
import { route, type Route } from './route.ts';
import { cancelRefund, createRefund, listRefunds, refundReasons } from './refunds.ts';
import { balanceTransactionById, chargeById, paymentIntentById, refundById, type State } from './state.ts';

export function createRoutes(state: State): Route[] {
  const expand = createExpand(state);
  return [
    ...createCustomerRoutes(state),
    ...withConnect(state, [...paymentRoutes(state), ...paymentLifecycleRoutes(state)]),
    ...createMoneyRoutes(state),
  ].map((route) => withExpand(route, expand));
}

/** Checks `expand` before the operation (a refused request must change nothing) and applies it to the answer. */
function withExpand(route: Route, expand: Expand): Route {
  return {
    ...route,
    handle(params, id) {
      const paths = stringArray(params, 'expand') ?? [];
      checkExpand(route.answers, paths);
      return expand(route.handle(params, id), paths);
    },
  };
}

function paymentRoutes(state: State): Route[] {
  return [
    route(
      'POST',
      /^\/v1\/payment_intents$/,
      'payment_intent',
      [
        'allowed_payment_method_types',
        'amount',
        'automatic_payment_methods',
        'capture_method',
        'confirm',
        'currency',
        'customer',
        'description',
        'metadata',
        'off_session',
        'payment_method',
        'receipt_email',
        'return_url',
        'setup_future_usage',
      ],
      (params) => {
        const amount = optionalInteger(params, 'amount');
        if (amount === undefined) throw missing('amount');
        const paymentMethod = optionalString(params, 'payment_method');
        const returnUrl = optionalString(params, 'return_url');
        const description = optionalString(params, 'description');
        const allowedPaymentMethodTypes = stringArray(params, 'allowed_payment_method_types');
        const automaticPaymentMethods = automaticPaymentMethodsParam(params);
        const customer = optionalString(params, 'customer');
        const setupFutureUsage = setupFutureUsageParam(params);
        const captureMethod = captureMethodParam(params);
        const offSession = offSessionParam(params);
        const receiptEmail = receiptEmailParam(params);
        return createPaymentIntent(state, {
          amount,
          currency: currencyParam(params),
          confirm: optionalBoolean(params, 'confirm') ?? false,
          metadata: metadata(params),
          ...(paymentMethod !== undefined && { paymentMethod }),
          ...(returnUrl !== undefined && { returnUrl }),
          ...(description !== undefined && { description }),
          ...(allowedPaymentMethodTypes !== undefined && { allowedPaymentMethodTypes }),
          ...(automaticPaymentMethods !== undefined && { automaticPaymentMethods }),
          ...(customer !== undefined && { customer }),
          ...(setupFutureUsage !== undefined && { setupFutureUsage }),
          ...(captureMethod !== undefined && { captureMethod }),
          ...(offSession !== undefined && { offSession }),
          ...(receiptEmail !== undefined && { receiptEmail }),
        });
      },
    ),
    route('GET', /^\/v1\/payment_intents\/([^/]+)$/, 'payment_intent', [], (_params, id) =>
      paymentIntentById(state, id),
    ),
    route(
      'POST',
      /^\/v1\/payment_intents\/([^/]+)\/confirm$/,
      'payment_intent',
      ['off_session', 'payment_method', 'return_url'],
      (params, id) => {
        const paymentMethod = optionalString(params, 'payment_method');
        const returnUrl = optionalString(params, 'return_url');
        const offSession = offSessionParam(params);
        return confirmPaymentIntent(state, id, {
          ...(paymentMethod !== undefined && { paymentMethod }),
          ...(returnUrl !== undefined && { returnUrl }),
          ...(offSession !== undefined && { offSession }),
        });
      },
    ),
    route('GET', /^\/v1\/charges\/([^/]+)$/, 'charge', [], (_params, id) => chargeById(state, id).charge),
    route(
      'POST',
      /^\/v1\/refunds$/,
      'refund',
      ['amount', 'charge', 'metadata', 'payment_intent', 'reason'],
      (params) => {
        const amount = optionalInteger(params, 'amount');
        if (amount !== undefined && amount <= 0) throw invalidRequest('Invalid positive integer', { param: 'amount' });
        const charge = optionalString(params, 'charge');
        const paymentIntent = optionalString(params, 'payment_intent');
        const reason = optionalString(params, 'reason');
        return createRefund(state, {
          metadata: metadata(params),
          ...(amount !== undefined && { amount }),
          ...(charge !== undefined && { charge }),
          ...(paymentIntent !== undefined && { paymentIntent }),
          ...(reason !== undefined && { reason: reasonParam(reason) }),
        });
      },
    ),
    route(
      'GET',
      /^\/v1\/refunds$/,
      'list:refund',
      ['charge', 'created', 'ending_before', 'limit', 'payment_intent', 'starting_after'],
      (params) => {
        const startingAfter = optionalString(params, 'starting_after');
        const endingBefore = optionalString(params, 'ending_before');
        if (startingAfter !== undefined && endingBefore !== undefined) {
          throw invalidRequest('You may only specify one of these parameters: ending_before, starting_after.', {
            param: 'ending_before',
          });
        }
        const charge = optionalString(params, 'charge');
        const paymentIntent = optionalString(params, 'payment_intent');
        const created = rangeParam(params, 'created');
        const { data, hasMore } = listRefunds(state, {
          limit: limitParam(params),
          ...(created !== undefined && { created }),
          ...(charge !== undefined && { charge }),
          ...(paymentIntent !== undefined && { paymentIntent }),
          ...(startingAfter !== undefined && { startingAfter }),
          ...(endingBefore !== undefined && { endingBefore }),
        });
        return { object: 'list', data, has_more: hasMore, url: '/v1/refunds' };
      },
    ),
    route('GET', /^\/v1\/refunds\/([^/]+)$/, 'refund', [], (_params, id) => refundById(state, id).refund),
    route('POST', /^\/v1\/refunds\/([^/]+)\/cancel$/, 'refund', [], (_params, id) => cancelRefund(state, id)),
    route('GET', /^\/v1\/balance_transactions\/([^/]+)$/, 'balance_transaction', [], (_params, id) =>
      balanceTransactionById(state, id),
    ),
  ];
}

function currencyParam(params: FormObject): string {
  const currency = requiredString(params, 'currency').toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) {
    throw invalidRequest(`Invalid currency: ${currency}. Use a three-letter ISO currency code, like usd.`, {
      param: 'currency',
    });
  }
  return currency;
}

function automaticPaymentMethodsParam(params: FormObject) {
  const hash = optionalHash(params, 'automatic_payment_methods');
  if (hash === undefined) return undefined;
  allowOnly(hash, ['allow_redirects', 'enabled'], 'automatic_payment_methods');
  const enabled = optionalBoolean(hash, 'enabled');
  if (enabled === undefined) throw missing('automatic_payment_methods[enabled]');
  const allowRedirects = optionalString(hash, 'allow_redirects');
  if (allowRedirects === undefined) return { enabled };
  if (allowRedirects !== 'always' && allowRedirects !== 'never') {
    throw invalidRequest(`Invalid automatic_payment_methods[allow_redirects]: must be one of always or never`, {
      param: 'automatic_payment_methods[allow_redirects]',
    });
  }
  return { enabled, allow_redirects: allowRedirects };
}

function setupFutureUsageParam(params: FormObject): 'off_session' | 'on_session' | undefined {
  const value = optionalString(params, 'setup_future_usage');
  if (value === undefined || value === 'off_session' || value === 'on_session') return value;
  throw invalidRequest('Invalid setup_future_usage: must be one of off_session or on_session', {
    param: 'setup_future_usage',
  });
}

function reasonParam(reason: string): (typeof refundReasons)[number] {
  const known = refundReasons.find((candidate) => candidate === reason);
  if (!known) {
    throw invalidRequest('Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer', {
      param: 'reason',
    });
  }
  return known;
}
