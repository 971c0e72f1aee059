/**
 * `expand[]`: replaces an id with the object it names (`latest_charge` → the Charge), to any depth Stripe allows
 * (`latest_charge.balance_transaction`), and through lists (`data.charge`). Stored objects are never changed;
 * expansion builds copies.
 */
import { invalidRequest } from './errors.ts';
import { chargeRefunds } from './refunds.ts';
import { balanceTransactionById, chargeById, paymentIntentById, refundById, type State } from './state.ts';

type Json = Record<string, unknown>;
type Expander = (parent: Json) => unknown;
/** A Map, not an object: a path segment like `__proto__` or `constructor` must stay a plain name. */
type Tree = Map<string, Tree>;

const maxDepth = 4;

export type Expand = (object: object, paths: readonly string[]) => Json;

export function createExpand(state: State): Expand {
  const expanders = expandersFor(state);

  function expandNode(object: Json, tree: Tree, prefix: string): Json {
    const result: Json = { ...object };
    for (const [key, subtree] of tree) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (object.object === 'list' && key === 'data') {
        result.data = (object.data as Json[]).map((item) => expandNode(item, subtree, path));
        continue;
      }
      // Own properties only: an inherited `constructor` or `toString` is no field of a Stripe object.
      const fields = expanders.get(String(object.object));
      const expander = fields && Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (!expander) throw invalidRequest(`This property cannot be expanded (${path}).`, { param: 'expand' });
      const value = isObject(object[key]) ? object[key] : expander(object);
      result[key] = isObject(value) ? expandNode(value, subtree, path) : value;
    }
    return result;
  }

  return (object, paths) => expandNode(object as Json, treeOf(paths), '');
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

/** For each object type, the fields that hold an id (or, for a charge's `refunds`, a list) and how to fetch them. */
function expandersFor(state: State): Map<string, Readonly<Record<string, Expander>>> {
  const byId = (fetch: (id: string) => unknown) => (field: string) => (parent: Json) => {
    const id = parent[field];
    return typeof id === 'string' ? fetch(id) : (id ?? null);
  };
  const charge = byId((id) => chargeById(state, id).charge);
  const paymentIntent = byId((id) => paymentIntentById(state, id));
  const transaction = byId((id) => balanceTransactionById(state, id));
  const source = byId((id) => (id.startsWith('re_') ? refundById(state, id).refund : chargeById(state, id).charge));
  const byType: Record<string, Record<string, Expander>> = {
    payment_intent: { latest_charge: charge('latest_charge') },
    charge: {
      balance_transaction: transaction('balance_transaction'),
      failure_balance_transaction: transaction('failure_balance_transaction'),
      payment_intent: paymentIntent('payment_intent'),
      refunds: (parent) => {
        const id = String(parent.id);
        const { data, hasMore } = chargeRefunds(state, chargeById(state, id));
        return { object: 'list', data, has_more: hasMore, url: `/v1/charges/${id}/refunds` };
      },
    },
    refund: {
      balance_transaction: transaction('balance_transaction'),
      charge: charge('charge'),
      failure_balance_transaction: transaction('failure_balance_transaction'),
      payment_intent: paymentIntent('payment_intent'),
    },
    balance_transaction: { source: source('source') },
  };
  return new Map(Object.entries(byType));
}
