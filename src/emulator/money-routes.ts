/** The endpoints of money moving beyond a payment and its refunds: Connect and payouts. */
import { createConnectRoutes } from './connect-routes.ts';
import { createPayoutRoutes } from './payout-routes.ts';
import type { Route } from './route.ts';
import type { State } from './state.ts';

export function createMoneyRoutes(state: State): Route[] {
  return [...createConnectRoutes(state), ...createPayoutRoutes(state)];
}
