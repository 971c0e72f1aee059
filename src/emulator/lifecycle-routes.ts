/**
 * A payment's life after it is created: capture and cancel, saving cards (SetupIntents), disputes, receipts, and the
 * PaymentIntent parameters that choose between them (`capture_method`, `off_session`).
 */
import type Stripe from 'stripe';
import { captureRoutes } from './capture.ts';
import { disputeRoutes } from './disputes.ts';
import { invalidRequest } from './errors.ts';
import type { FormObject } from './form.ts';
import { optionalString } from './params.ts';
import type { Route } from './route.ts';
import { checkEmail, receiptRoutes } from './receipts.ts';
import { setupIntentRoutes } from './setup-intents.ts';
import type { State } from './state.ts';

export function paymentLifecycleRoutes(state: State): Route[] {
  return [...captureRoutes(state), ...setupIntentRoutes(state), ...disputeRoutes(state), ...receiptRoutes(state)];
}

export function captureMethodParam(params: FormObject): Stripe.PaymentIntent.CaptureMethod | undefined {
  const value = optionalString(params, 'capture_method');
  if (value === undefined || value === 'automatic' || value === 'automatic_async' || value === 'manual') return value;
  throw invalidRequest('Invalid capture_method: must be one of automatic, automatic_async, or manual', {
    param: 'capture_method',
  });
}

/** Where Stripe emails the receipt once the payment succeeds (live mode only). */
export function receiptEmailParam(params: FormObject): string | undefined {
  const email = optionalString(params, 'receipt_email');
  if (email) checkEmail(email);
  return email || undefined;
}

/** `true`, or how the saved card is reused (`one_off`, `recurring`): the customer isn't there either way. */
export function offSessionParam(params: FormObject): boolean | undefined {
  const value = optionalString(params, 'off_session');
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'one_off' || value === 'recurring') return true;
  if (value === 'false') return false;
  throw invalidRequest('Invalid off_session: must be a boolean, one_off or recurring', { param: 'off_session' });
}
