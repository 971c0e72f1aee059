/**
 * Checks a JSON excerpt shown in an article against what the API really answered. Every field the excerpt shows
 * must exist with the value shown, except what differs on every run: ids match by prefix (`re_…`) unless the
 * sample named them, timestamps are any integer, `"..."` is any string.
 *
 * Which response: an error excerpt is checked against the last error; an excerpt with an `object` against the
 * most recent response holding an object of that type, at any depth (an expanded balance transaction inside a
 * PaymentIntent, an element of a list); anything else against the last response. An array excerpt shows
 * several objects: each element is looked up that way on its own.
 */

export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface CompareOptions {
  /** Placeholder id → the id of the object created for it: those must match exactly. */
  ids: ReadonlyMap<string, string>;
  /** Numbers by type only. */
  shape?: boolean;
}

/** Ids as articles show them: a known prefix, then digits or the word `example` (`re_456`, `cus_Qexample`). */
const idShape =
  /^(pi|ch|re|cus|pm|card|txn|req|src|tok|dp|po|py|seti|acct|tr|trr|fee|fr|ba|in|il|ii|cn|cnli|evt)_[A-Za-z0-9]*(\d|example)[A-Za-z0-9]*$/;
const timestampKey = /^(created|available_on|arrival_date|.+_at)$/;

export function compareExcerpt(excerpt: unknown, responses: readonly ApiResponse[], options: CompareOptions): string[] {
  if (Array.isArray(excerpt)) return excerpt.flatMap((item, i) => compareOne(item, responses, options, `[${i}]`));
  return compareOne(excerpt, responses, options, '');
}

function compareOne(
  excerpt: unknown,
  responses: readonly ApiResponse[],
  options: CompareOptions,
  label: string,
): string[] {
  const candidates = candidatesFor(excerpt, responses);
  if (candidates.length === 0)
    return [`no response${label ? ` for excerpt ${label}` : ''} looks like the excerpt (${describeExcerpt(excerpt)})`];
  let best: string[] | undefined;
  for (const candidate of candidates) {
    const problems = match(excerpt, candidate, label, options);
    if (problems.length === 0) return [];
    if (!best || problems.length < best.length) best = problems;
  }
  return best ?? [];
}

function candidatesFor(excerpt: unknown, responses: readonly ApiResponse[]): unknown[] {
  const latestFirst = [...responses].reverse();
  if (isRecord(excerpt) && 'error' in excerpt) {
    const found = latestFirst.find((response) => isRecord(response.body) && 'error' in response.body);
    return found ? [found.body] : [];
  }
  if (isRecord(excerpt) && typeof excerpt.object === 'string') {
    for (const response of latestFirst) {
      const found = objectsOfType(response.body, excerpt.object);
      if (found.length > 0) return found;
    }
    return [];
  }
  return latestFirst.slice(0, 1).map((response) => response.body);
}

function objectsOfType(value: unknown, type: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => objectsOfType(item, type));
  if (!isRecord(value)) return [];
  const nested = Object.values(value).flatMap((item) => objectsOfType(item, type));
  return value.object === type ? [value, ...nested] : nested;
}

function match(expected: unknown, actual: unknown, path: string, options: CompareOptions): string[] {
  const key = path.slice(path.lastIndexOf('.') + 1);
  const where = path || 'the response';
  if (typeof expected === 'string') {
    if (expected === '...')
      return typeof actual === 'string' ? [] : [`${where}: shows a string, response has ${show(actual)}`];
    const placeholder = options.ids.get(expected);
    if (placeholder !== undefined)
      return actual === placeholder ? [] : [`${where}: shows the sample's ${expected}, response has ${show(actual)}`];
    const prefix = idShape.exec(expected)?.[1];
    if (prefix) {
      return typeof actual === 'string' && actual.startsWith(`${prefix}_`)
        ? []
        : [`${where}: shows an id ${prefix}_…, response has ${show(actual)}`];
    }
  }
  if (typeof expected === 'number') {
    if (timestampKey.test(key) || options.shape) {
      return typeof actual === 'number' ? [] : [`${where}: shows a number, response has ${show(actual)}`];
    }
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${where}: shows a list, response has ${show(actual)}`];
    return matchInOrder(expected, actual, path, options);
  }
  if (isRecord(expected)) {
    if (!isRecord(actual)) return [`${where}: shows an object, response has ${show(actual)}`];
    return Object.entries(expected).flatMap(([name, value]) => {
      const child = path ? `${path}.${name}` : name;
      if (!(name in actual)) return [`${child}: shown in the excerpt, missing from the response`];
      return match(value, actual[name], child, options);
    });
  }
  return Object.is(expected, actual) ? [] : [`${where}: shows ${show(expected)}, response has ${show(actual)}`];
}

/** The excerpt's elements must appear in the response's list in the same order, others may sit between them. */
function matchInOrder(expected: unknown[], actual: unknown[], path: string, options: CompareOptions): string[] {
  let from = 0;
  for (const [i, item] of expected.entries()) {
    const at = actual.findIndex(
      (candidate, j) => j >= from && match(item, candidate, `${path}[${i}]`, options).length === 0,
    );
    if (at === -1) {
      const closest = actual[Math.min(i, actual.length - 1)];
      const why = actual.length === 0 ? ['the response list is empty'] : match(item, closest, `${path}[${i}]`, options);
      return [`${path}[${i}]: no element in order matches the excerpt (${why.join('; ')})`];
    }
    from = at + 1;
  }
  return [];
}

function describeExcerpt(excerpt: unknown): string {
  if (isRecord(excerpt) && 'error' in excerpt) return 'an error';
  if (isRecord(excerpt) && typeof excerpt.object === 'string') return `an object "${excerpt.object}"`;
  return 'the last response';
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
