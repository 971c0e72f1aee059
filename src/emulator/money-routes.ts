/**
 * The endpoints of money moving beyond a payment and its refunds: Connect, payouts, invoices,
 * credit notes, and the events they record.
 */
import { createConnectRoutes } from './connect-routes.ts';
import { createEventRoutes } from './event-routes.ts';
import { createInvoiceRoutes } from './invoice-routes.ts';
import { createPayoutRoutes } from './payout-routes.ts';
import type { Route } from './route.ts';
import type { State } from './state.ts';

export function createMoneyRoutes(state: State): Route[] {
  return [
    ...createConnectRoutes(state),
    ...createPayoutRoutes(state),
    ...createInvoiceRoutes(state),
    ...createEventRoutes(state),
  ];
}
