/**
 * One page of a list endpoint, newest first, with Stripe's cursors: `starting_after` pages towards older objects,
 * `ending_before` towards newer ones; a cursor must name an object the emulator holds, even outside the filter.
 */
import { invalidRequest, resourceMissing } from './errors.ts';
import type { FormObject } from './form.ts';
import { optionalString } from './params.ts';

export interface Cursors {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
}

/** The cursors a list request gives; both at once is refused as Stripe refuses it. */
export function cursorParams(params: FormObject, limit: number): Cursors {
  const startingAfter = optionalString(params, 'starting_after');
  const endingBefore = optionalString(params, 'ending_before');
  if (startingAfter !== undefined && endingBefore !== undefined) {
    throw invalidRequest('You may only specify one of these parameters: ending_before, starting_after.', {
      param: 'ending_before',
    });
  }
  return {
    limit,
    ...(startingAfter !== undefined && { startingAfter }),
    ...(endingBefore !== undefined && { endingBefore }),
  };
}

/**
 * `all` holds every object oldest first, as `[id, item]`; `matches` is the list's filter. `type` names the objects
 * in the 404 for an unknown cursor.
 */
export function listPage<T>(
  all: readonly (readonly [string, T])[],
  matches: (item: T) => boolean,
  cursors: Cursors,
  type: string,
): { data: T[]; hasMore: boolean } {
  const indexOf = (id: string, param: string) => {
    const index = all.findIndex(([candidate]) => candidate === id);
    if (index < 0) throw resourceMissing(type, id, param);
    return index;
  };
  if (cursors.endingBefore !== undefined) {
    const newer = all.slice(indexOf(cursors.endingBefore, 'ending_before') + 1).filter(([, item]) => matches(item));
    const shown = newer.slice(0, cursors.limit).map(([, item]) => item);
    return { data: shown.reverse(), hasMore: newer.length > cursors.limit };
  }
  const end = cursors.startingAfter === undefined ? all.length : indexOf(cursors.startingAfter, 'starting_after');
  const older = all
    .slice(0, end)
    .filter(([, item]) => matches(item))
    .reverse();
  return { data: older.slice(0, cursors.limit).map(([, item]) => item), hasMore: older.length > cursors.limit };
}

/** A range filter (`created[gte]=…`) or an exact value (`created=…`), as Stripe's list endpoints take them. */
export function rangeParam(params: FormObject, name: string): ((value: number) => boolean) | undefined {
  const raw = Object.hasOwn(params, name) ? params[name] : undefined;
  if (raw === undefined) return undefined;
  const integer = (text: unknown, param: string) => {
    if (typeof text !== 'string' || !/^\d{1,12}$/.test(text))
      throw invalidRequest(`Invalid integer: ${String(text)}`, { param });
    return Number(text);
  };
  if (typeof raw === 'string') {
    const exact = integer(raw, name);
    return (value) => value === exact;
  }
  if (Array.isArray(raw)) throw invalidRequest('Invalid hash', { param: name });
  const bounds: ((value: number) => boolean)[] = [];
  for (const [key, text] of Object.entries(raw)) {
    const param = `${name}[${key}]`;
    const bound = integer(text, param);
    if (key === 'gt') bounds.push((value) => value > bound);
    else if (key === 'gte') bounds.push((value) => value >= bound);
    else if (key === 'lt') bounds.push((value) => value < bound);
    else if (key === 'lte') bounds.push((value) => value <= bound);
    else throw invalidRequest(`Received unknown parameter: ${param}`, { code: 'parameter_unknown', param });
  }
  return (value) => bounds.every((bound) => bound(value));
}
