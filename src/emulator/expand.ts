/**
 * `expand[]`: replaces an id with the object it names (`latest_charge` → the Charge), to any depth Stripe allows
 * (`latest_charge.balance_transaction`), and through lists (`data.charge`). Stored objects are never changed;
 * expansion builds copies.
 */
import { invalidRequest } from './errors.ts';
import { chargeRefunds } from './refunds.ts';
import {
  balanceTransactionById,
  chargeById,
  disputeById,
  paymentIntentById,
  paymentMethodById,
  refundById,
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
  | 'setup_intent';
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
const source = byId((state, id) =>
  id.startsWith('re_')
    ? refundById(state, id).refund
    : id.startsWith('du_')
      ? disputeById(state, id).dispute
      : chargeById(state, id).charge,
);
const paymentMethod = byId(paymentMethodById);

/** For each object type, the fields that hold an id (or, for a charge's `refunds`, a list) and how to fetch them. */
const fieldsByType: Partial<Record<ObjectType, Readonly<Record<string, Field>>>> = {
  payment_intent: { latest_charge: charge('latest_charge', 'charge') },
  charge: {
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
  },
  balance_transaction: { source: source('source', 'charge', 'refund', 'dispute') },
  dispute: { charge: charge('charge', 'charge'), payment_intent: paymentIntent('payment_intent', 'payment_intent') },
  setup_intent: { payment_method: paymentMethod('payment_method', 'payment_method') },
};

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
