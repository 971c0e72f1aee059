/**
 * Stripe's parameter encoding: `application/x-www-form-urlencoded` bodies and query strings whose keys nest with
 * brackets (`metadata[note]=hi`, `expand[0]=latest_charge`, `expand[]=latest_charge`).
 */
import { invalidRequest } from './errors.ts';

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

type Node = string | Branch;
// Null-prototype objects, so a key like `__proto__` is just a key.
interface Branch {
  [key: string]: Node;
}

const keyPattern = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;

export function parseForm(text: string): FormObject {
  const root: Branch = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    assign(root, pathOf(key), value, key);
  }
  return normalize(root) as FormObject;
}

function pathOf(key: string): string[] {
  const match = keyPattern.exec(key);
  if (!match) throw invalidRequest(`Invalid parameter name: ${key}`, { param: key });
  const [, name = '', brackets = ''] = match;
  return [name, ...Array.from(brackets.matchAll(/\[([^[\]]*)\]/g), (m) => m[1] ?? '')];
}

function assign(branch: Branch, path: string[], value: string, key: string): void {
  const [head = '', ...rest] = path;
  // `a[]=x&a[]=y` appends: give each empty segment the next free index.
  const segment = head === '' ? String(Object.keys(branch).length) : head;
  if (rest.length === 0) {
    if (segment in branch) throw invalidRequest(`Duplicate parameter: ${key}`, { param: key });
    branch[segment] = value;
    return;
  }
  const existing = branch[segment];
  if (typeof existing === 'string')
    throw invalidRequest(`Invalid parameter: ${key} mixes a value and a hash`, { param: key });
  const child: Branch = (existing as Branch | undefined) ?? Object.create(null);
  branch[segment] = child;
  assign(child, rest, value, key);
}

/** Hashes whose keys are exactly 0..n-1 become arrays, as Stripe reads `expand[0]=a&expand[1]=b`. */
function normalize(node: Node): FormValue {
  if (typeof node === 'string') return node;
  const entries = Object.entries(node);
  const isArray = entries.length > 0 && entries.every(([k], i) => k === String(i));
  if (isArray) return entries.map(([, v]) => normalize(v));
  const result: FormObject = Object.create(null);
  for (const [k, v] of entries) result[k] = normalize(v);
  return result;
}
