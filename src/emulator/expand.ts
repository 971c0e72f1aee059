/**
 * `expand[]`: replaces an id with the object it names (`latest_charge` → the Charge), to any depth Stripe allows
 * (`latest_charge.balance_transaction`), and through lists (`data.charge`). Stored objects are never changed;
 * expansion builds copies.
 */
import { invalidRequest, resourceMissing } from './errors.ts';
import { chargeRefunds } from './refunds.ts';
import {
  accountById,
  applicationFeeById,
  balanceTransactionById,
  chargeById,
  disputeById,
  invoiceById,
  paymentIntentById,
  paymentMethodById,
  payoutById,
  refundById,
  transferById,
  type State,
} from './state.ts';

type Json = Record<string, unknown>;
/** A Map, not an object: a path segment like `__proto__` or `constructor` must stay a plain name. */
type Tree = Map<string, Tree>;

/** The `object` value of what a route answers or a field holds. */
export type ObjectType =
  | 'balance'
  | 'balance_transaction'
  | 'card'
  | 'charge'
  | 'customer'
  | 'dispute'
  | 'payment_intent'
  | 'payment_method'
  | 'refund'
  | 'setup_intent'
  // Money movement.
  | 'account'
  | 'application_fee'
  | 'fee_refund'
  | 'payout'
  | 'transfer'
  | 'transfer_reversal'
  | 'invoice'
  | 'invoiceitem'
  | 'credit_note'
  | 'event';
/** An object of that type, or a list of them (whose `data` expands into each item). */
export type Kind = ObjectType | `list:${ObjectType}`;

interface Field {
  /** What the field can hold once expanded: more than one kind where Stripe's field is polymorphic. */
  holds: readonly Kind[];
  fetch(state: State, parent: Json): unknown;
}

const maxDepth = 4;

const byId =
  (fetch: (state: State, id: string) => unknown) =>
  (field: string, ...holds: Kind[]): Field => ({
    holds,
    fetch(state, parent) {
      const id = parent[field];
      return typeof id === 'string' ? fetch(state, id) : (id ?? null);
    },
  });
const charge = byId((state, id) => chargeById(state, id).charge);
const paymentIntent = byId(paymentIntentById);
const transaction = byId(balanceTransactionById);
const account = byId(accountById);
const transfer = byId((state, id) => transferById(state, id).transfer);
const applicationFee = byId((state, id) => applicationFeeById(state, id).fee);
const transferReversal = byId((state, id) => found(state.transferReversals, 'transfer reversal', id));
const source = byId((state, id) => {
  if (id.startsWith('re_')) return refundById(state, id).refund;
  if (id.startsWith('tr_')) return transferById(state, id).transfer;
  if (id.startsWith('trr_')) return found(state.transferReversals, 'transfer reversal', id);
  if (id.startsWith('fee_')) return applicationFeeById(state, id).fee;
  if (id.startsWith('fr_')) return found(state.feeRefunds, 'fee refund', id);
  if (id.startsWith('po_')) return payoutById(state, id).payout;
  if (id.startsWith('du_') || id.startsWith('dp_')) return disputeById(state, id).dispute;
  return chargeById(state, id).charge;
});
const paymentMethod = byId(paymentMethodById);

/** For each object type, the fields that hold an id (or, for a charge's `refunds`, a list) and how to fetch them. */
const fieldsByType: Partial<Record<ObjectType, Readonly<Record<string, Field>>>> = {
  payment_intent: {
    latest_charge: charge('latest_charge', 'charge'),
    on_behalf_of: account('on_behalf_of', 'account'),
  },
  charge: {
    application_fee: applicationFee('application_fee', 'application_fee'),
    on_behalf_of: account('on_behalf_of', 'account'),
    transfer: transfer('transfer', 'transfer'),
    balance_transaction: transaction('balance_transaction', 'balance_transaction'),
    failure_balance_transaction: transaction('failure_balance_transaction', 'balance_transaction'),
    payment_intent: paymentIntent('payment_intent', 'payment_intent'),
    refunds: {
      holds: ['list:refund'],
      fetch(state, parent) {
        const id = String(parent.id);
        const { data, hasMore } = chargeRefunds(state, chargeById(state, id));
        return { object: 'list', data, has_more: hasMore, url: `/v1/charges/${id}/refunds` };
      },
    },
  },
  refund: {
    balance_transaction: transaction('balance_transaction', 'balance_transaction'),
    charge: charge('charge', 'charge'),
    failure_balance_transaction: transaction('failure_balance_transaction', 'balance_transaction'),
    payment_intent: paymentIntent('payment_intent', 'payment_intent'),
    transfer_reversal: transferReversal('transfer_reversal', 'transfer_reversal'),
  },
  balance_transaction: {
    source: source(
      'source',
      'charge',
      'refund',
      'dispute',
      'transfer',
      'transfer_reversal',
      'application_fee',
      'fee_refund',
      'payout',
    ),
  },
  transfer: {
    balance_transaction: transaction('balance_transaction', 'balance_transaction'),
    destination: account('destination', 'account'),
    source_transaction: charge('source_transaction', 'charge'),
  },
  transfer_reversal: {
    balance_transaction: transaction('balance_transaction', 'balance_transaction'),
    source_refund: byId((state, id) => refundById(state, id).refund)('source_refund', 'refund'),
    transfer: transfer('transfer', 'transfer'),
  },
  application_fee: {
    account: account('account', 'account'),
    balance_transaction: transaction('balance_transaction', 'balance_transaction'),
    originating_transaction: charge('originating_transaction', 'charge'),
  },
  fee_refund: {
    balance_transaction: transaction('balance_transaction', 'balance_transaction'),
    fee: applicationFee('fee', 'application_fee'),
  },
  credit_note: { invoice: byId((state, id) => invoiceById(state, id).invoice)('invoice', 'invoice') },
  payout: {
    balance_transaction: transaction('balance_transaction', 'balance_transaction'),
    failure_balance_transaction: transaction('failure_balance_transaction', 'balance_transaction'),
  },
  dispute: { charge: charge('charge', 'charge'), payment_intent: paymentIntent('payment_intent', 'payment_intent') },
  setup_intent: { payment_method: paymentMethod('payment_method', 'payment_method') },
};

/** An object kept in a plain map, or Stripe's 404 for it. */
function found<T>(objects: ReadonlyMap<string, T>, type: string, id: string): T {
  const object = objects.get(id);
  if (!object) throw resourceMissing(type, id);
  return object;
}

export type Expand = (object: object, paths: readonly string[]) => Json;

export function createExpand(state: State): Expand {
  function expandNode(object: Json, tree: Tree, prefix: string): Json {
    const result: Json = { ...object };
    for (const [key, subtree] of tree) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (object.object === 'list' && key === 'data') {
        result.data = (object.data as Json[]).map((item) => expandNode(item, subtree, path));
        continue;
      }
      const field = fieldOf(String(object.object), key);
      if (!field) throw cannotExpand(path);
      const value = isObject(object[key]) ? object[key] : field.fetch(state, object);
      result[key] = isObject(value) ? expandNode(value, subtree, path) : value;
    }
    return result;
  }

  return (object, paths) => expandNode(object as Json, treeOf(paths), '');
}

/**
 * Refuses, before a route runs, the paths that cannot expand on what it answers: a request refused for its
 * `expand` must change nothing, since a refusal saves no idempotent answer and the client retries with the same key.
 * Through a polymorphic field a path passes when one of its kinds allows it; expansion checks the real object.
 */
export function checkExpand(answers: Kind, paths: readonly string[]): void {
  const checkNode = (kinds: readonly Kind[], tree: Tree, prefix: string): void => {
    for (const [key, subtree] of tree) {
      const path = prefix ? `${prefix}.${key}` : key;
      const next = kinds.flatMap((kind) => holdsOf(kind, key));
      if (next.length === 0) throw cannotExpand(path);
      checkNode(next, subtree, path);
    }
  };
  checkNode([answers], treeOf(paths), '');
}

function holdsOf(kind: Kind, key: string): readonly Kind[] {
  if (kind.startsWith('list:')) return key === 'data' ? [kind.slice('list:'.length) as ObjectType] : [];
  return fieldOf(kind, key)?.holds ?? [];
}

function fieldOf(type: string, key: string): Field | undefined {
  // Own properties only: an inherited `constructor` or `toString` is no type or field of a Stripe object.
  const fields = Object.hasOwn(fieldsByType, type) ? fieldsByType[type as ObjectType] : undefined;
  return fields && Object.hasOwn(fields, key) ? fields[key] : undefined;
}

function cannotExpand(path: string) {
  return invalidRequest(`This property cannot be expanded (${path}).`, { param: 'expand' });
}

function treeOf(paths: readonly string[]): Tree {
  const tree: Tree = new Map();
  for (const path of paths) {
    const keys = path.split('.');
    if (keys.length > maxDepth) {
      throw invalidRequest(`You cannot expand more than ${maxDepth} levels of a property. Property: ${path}`, {
        param: 'expand',
      });
    }
    let node = tree;
    for (const key of keys) {
      const child = node.get(key) ?? new Map();
      node.set(key, child);
      node = child;
    }
  }
  return tree;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}
