/**
 * SetupIntents: saving a card for later without charging it. Confirming one checks the card with the issuer
 * (a declining card fails as a `card_error`, a card that always wants 3D Secure waits in `requires_action`) and,
 * once it succeeds, attaches the PaymentMethod to the SetupIntent's customer.
 */
import type Stripe from 'stripe';
import { genericDecline, testCard } from './cards.ts';
import { ApiError, invalidRequest } from './errors.ts';
import type { FormObject } from './form.ts';
import { newId, nowSeconds } from './ids.ts';
import { allowOnly, metadata, missing, optionalBoolean, optionalHash, optionalString, stringArray } from './params.ts';
import { checkRedirects, findCard } from './payments.ts';
import { route, type Route } from './route.ts';
import { customerById, setupIntentById, type State } from './state.ts';
import { paymentMethodObject } from './wallet-objects.ts';

const confirmable = ['requires_payment_method', 'requires_confirmation'];
const cancelable = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const cancellationReasons = ['abandoned', 'duplicate', 'requested_by_customer'];

export function setupIntentRoutes(state: State): Route[] {
  return [
    route(
      'POST',
      /^\/v1\/setup_intents$/,
      'setup_intent',
      [
        'allowed_payment_method_types',
        'automatic_payment_methods',
        'confirm',
        'customer',
        'description',
        'metadata',
        'payment_method',
        'return_url',
        'usage',
      ],
      (params) => createSetupIntent(state, params),
    ),
    route('GET', /^\/v1\/setup_intents\/([^/]+)$/, 'setup_intent', [], (_params, id) => setupIntentById(state, id)),
    route(
      'POST',
      /^\/v1\/setup_intents\/([^/]+)\/confirm$/,
      'setup_intent',
      ['payment_method', 'return_url'],
      (params, id) => {
        const setupIntent = setupIntentById(state, id);
        const paymentMethod = optionalString(params, 'payment_method');
        if (paymentMethod !== undefined) setupIntent.payment_method = paymentMethod;
        return confirm(state, setupIntent, optionalString(params, 'return_url'));
      },
    ),
    route('POST', /^\/v1\/setup_intents\/([^/]+)\/cancel$/, 'setup_intent', ['cancellation_reason'], (params, id) => {
      const setupIntent = setupIntentById(state, id);
      const reason = optionalString(params, 'cancellation_reason');
      if (reason !== undefined && !cancellationReasons.includes(reason)) {
        throw invalidRequest(`Invalid cancellation_reason: must be one of ${cancellationReasons.join(', ')}`, {
          param: 'cancellation_reason',
        });
      }
      if (!cancelable.includes(setupIntent.status)) {
        throw invalidRequest(
          `You cannot cancel this SetupIntent because it has a status of ${setupIntent.status}. ` +
            `Only a SetupIntent with one of the following statuses may be canceled: ${cancelable.join(', ')}.`,
          { code: 'setup_intent_unexpected_state' },
        );
      }
      setupIntent.status = 'canceled';
      setupIntent.cancellation_reason = (reason ?? null) as Stripe.SetupIntent.CancellationReason | null;
      setupIntent.next_action = null;
      return setupIntent;
    }),
  ];
}

function createSetupIntent(state: State, params: FormObject): Stripe.SetupIntent {
  const customer = optionalString(params, 'customer');
  if (customer !== undefined) customerById(state, customer, 'customer');
  const usage = optionalString(params, 'usage') ?? 'off_session';
  if (usage !== 'off_session' && usage !== 'on_session') {
    throw invalidRequest('Invalid usage: must be one of off_session or on_session', { param: 'usage' });
  }
  const allowed = stringArray(params, 'allowed_payment_method_types');
  const unsupported = allowed?.find((type) => type !== 'card');
  if (unsupported) {
    throw invalidRequest(
      `The payment method type "${unsupported}" is not supported by the Stripe emulator, which only handles cards.`,
      { param: 'allowed_payment_method_types' },
    );
  }
  const paymentMethod = optionalString(params, 'payment_method');
  // Checked now so a mistyped id fails the create, not a later confirm.
  if (paymentMethod !== undefined) findCard(state, paymentMethod);
  const id = newId('seti_');
  const setupIntent: Stripe.SetupIntent = {
    id,
    object: 'setup_intent',
    allowed_payment_method_types: (allowed ?? null) as Stripe.SetupIntent.AllowedPaymentMethodType[] | null,
    application: null,
    automatic_payment_methods: allowed ? null : (automaticPaymentMethods(params) ?? { enabled: true }),
    cancellation_reason: null,
    client_secret: `${id}_secret_${newId('', 25)}`,
    created: nowSeconds(),
    customer: customer ?? null,
    description: optionalString(params, 'description') ?? null,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: metadata(params),
    next_action: null,
    on_behalf_of: null,
    payment_method: paymentMethod ?? null,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    single_use_mandate: null,
    status: paymentMethod === undefined ? 'requires_payment_method' : 'requires_confirmation',
    usage,
  };
  const shouldConfirm = optionalBoolean(params, 'confirm') ?? false;
  const returnUrl = optionalString(params, 'return_url');
  state.setupIntents.set(id, setupIntent);
  state.own(id, id);
  return shouldConfirm ? confirm(state, setupIntent, returnUrl) : setupIntent;
}

function automaticPaymentMethods(params: FormObject): Stripe.SetupIntent.AutomaticPaymentMethods | undefined {
  const hash = optionalHash(params, 'automatic_payment_methods');
  if (hash === undefined) return undefined;
  allowOnly(hash, ['allow_redirects', 'enabled'], 'automatic_payment_methods');
  const enabled = optionalBoolean(hash, 'enabled');
  if (enabled === undefined) throw missing('automatic_payment_methods[enabled]');
  const allowRedirects = optionalString(hash, 'allow_redirects');
  if (allowRedirects !== undefined && allowRedirects !== 'always' && allowRedirects !== 'never') {
    throw invalidRequest('Invalid automatic_payment_methods[allow_redirects]: must be one of always or never', {
      param: 'automatic_payment_methods[allow_redirects]',
    });
  }
  return { enabled, ...(allowRedirects !== undefined && { allow_redirects: allowRedirects }) };
}

function confirm(state: State, setupIntent: Stripe.SetupIntent, returnUrl: string | undefined): Stripe.SetupIntent {
  if (!confirmable.includes(setupIntent.status)) {
    throw invalidRequest(
      `You cannot confirm this SetupIntent because it has a status of ${setupIntent.status}. ` +
        `Only a SetupIntent with one of the following statuses may be confirmed: ${confirmable.join(', ')}.`,
      { code: 'setup_intent_unexpected_state' },
    );
  }
  const given = typeof setupIntent.payment_method === 'string' ? setupIntent.payment_method : undefined;
  if (given === undefined) {
    throw invalidRequest(
      "You cannot confirm this SetupIntent because it's missing a payment method. Update it with a payment_method, or pass one when confirming.",
      { code: 'setup_intent_unexpected_state' },
    );
  }
  const card = findCard(state, given);
  if (!setupIntent.allowed_payment_method_types) checkRedirects(setupIntent.automatic_payment_methods, returnUrl);
  const customer = typeof setupIntent.customer === 'string' ? setupIntent.customer : null;
  const saved = state.paymentMethodObjects.get(given);
  if (saved && customer !== null && saved.customer !== null && saved.customer !== customer) {
    throw invalidRequest(
      'The payment method you provided has already been attached to a customer. Detach it first, or use a new one.',
      { code: 'payment_method_unexpected_state', param: 'payment_method' },
    );
  }

  // A test payment method (`pm_card_visa`) becomes a PaymentMethod of its own, as in Stripe.
  const paymentMethod = saved ?? paymentMethodObject({ brand: 'visa', last4: card.last4 }, nowSeconds());
  if (!saved && testCard(given)) {
    state.paymentMethods.set(paymentMethod.id, card);
    state.paymentMethodObjects.set(paymentMethod.id, paymentMethod);
    state.own(setupIntent.id, paymentMethod.id);
  }
  setupIntent.latest_attempt = newId('setatt_');

  if (card.declines && !card.passesSetup) {
    const decline = card.decline ?? genericDecline;
    const error = new ApiError(402, {
      type: 'card_error',
      code: decline.code,
      decline_code: decline.declineCode,
      message: decline.message,
    });
    setupIntent.status = 'requires_payment_method';
    setupIntent.payment_method = null;
    setupIntent.last_setup_error = {
      ...error.body,
      type: 'card_error',
      payment_method: paymentMethod,
      payment_method_type: 'card',
    };
    error.body.setup_intent = setupIntent;
    error.body.payment_method = paymentMethod;
    throw error;
  }
  setupIntent.payment_method = paymentMethod.id;
  setupIntent.last_setup_error = null;
  if (card.authenticationRequired) {
    // The customer must authenticate before the card is saved; it stays unattached until then.
    setupIntent.status = 'requires_action';
    setupIntent.next_action = {
      type: 'use_stripe_sdk',
      use_stripe_sdk: {
        type: 'three_d_secure_redirect',
        stripe_js: `https://hooks.stripe.com/3d_secure_2/${setupIntent.id}`,
      },
    } as Stripe.SetupIntent.NextAction;
    return setupIntent;
  }
  setupIntent.status = 'succeeded';
  setupIntent.next_action = null;
  if (customer !== null) paymentMethod.customer = customer;
  return setupIntent;
}
