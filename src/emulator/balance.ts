/**
 * The account's balance, worked out from its balance transactions: a payment's money is `pending` until its
 * `available_on`, then `available`. Refunds draw on the available balance at once.
 */
import type Stripe from 'stripe';
import { nowSeconds } from './ids.ts';
import type { State } from './state.ts';

/** The currency of an account with no payments yet: the emulator plays a US account. */
const accountCurrency = 'usd';

export function balance(state: State): Stripe.Balance {
  const available = new Map<string, number>();
  const pending = new Map<string, number>();
  const now = nowSeconds();
  for (const transaction of state.balanceTransactions.values()) {
    const bucket = transaction.status === 'available' || transaction.available_on <= now ? available : pending;
    bucket.set(transaction.currency, (bucket.get(transaction.currency) ?? 0) + transaction.net);
  }
  const currencies = new Set([accountCurrency, ...available.keys(), ...pending.keys()]);
  const amounts = (bucket: Map<string, number>) =>
    [...currencies].map((currency) => {
      const amount = bucket.get(currency) ?? 0;
      return { amount, currency, source_types: { card: amount } };
    });
  return { object: 'balance', available: amounts(available), livemode: false, pending: amounts(pending) };
}

export interface ListBalanceTransactions {
  type?: string;
  source?: string;
  limit: number;
  startingAfter?: string;
}

/** Newest first; `starting_after` must name a balance transaction the emulator still holds. */
export function listBalanceTransactions(
  state: State,
  query: ListBalanceTransactions,
): { data: Stripe.BalanceTransaction[]; hasMore: boolean } {
  const all = [...state.balanceTransactions.values()].reverse();
  const start =
    query.startingAfter === undefined ? 0 : all.findIndex((transaction) => transaction.id === query.startingAfter) + 1;
  const matching = all
    .slice(start)
    .filter(
      (transaction) =>
        (query.type === undefined || transaction.type === query.type) &&
        (query.source === undefined || transaction.source === query.source),
    );
  return { data: matching.slice(0, query.limit), hasMore: matching.length > query.limit };
}
