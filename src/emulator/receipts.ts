/**
 * Receipts: `POST /v1/charges/:id` sets where the receipt goes (`receipt_email`), the charge's description and
 * metadata. Stripe emails a receipt when `receipt_email` changes in live mode; test mode sends nothing, so the
 * emulator only records the address. Every successful charge has a `receipt_url` to view its receipt.
 */
import type Stripe from 'stripe';
import { invalidRequest } from './errors.ts';
import { metadata, optionalString } from './params.ts';
import { route, type Route } from './route.ts';
import { chargeById, type State } from './state.ts';

export function receiptRoutes(state: State): Route[] {
  return [
    route('POST', /^\/v1\/charges\/([^/]+)$/, 'charge', ['description', 'metadata', 'receipt_email'], (params, id) => {
      const { charge } = chargeById(state, id);
      const email = optionalString(params, 'receipt_email');
      const description = optionalString(params, 'description');
      if (email) checkEmail(email);
      // An empty value clears the field, as in every Stripe update.
      if (email !== undefined) charge.receipt_email = email || null;
      if (description !== undefined) charge.description = description || null;
      charge.metadata = { ...charge.metadata, ...metadata(params) };
      return charge;
    }),
  ];
}

export function checkEmail(email: string, param = 'receipt_email'): void {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw invalidRequest(`Invalid email address: ${email}`, { code: 'email_invalid', param });
  }
}

/** Where a successful charge's receipt can be viewed. */
export function receiptUrl(charge: Pick<Stripe.Charge, 'id'>): string {
  return `https://pay.stripe.com/receipts/payment/${charge.id.replace(/^ch_/, '')}`;
}
