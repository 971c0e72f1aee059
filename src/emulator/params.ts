/**
 * Reading typed values out of parsed form parameters, failing the way Stripe does: unknown parameters are
 * refused by name, wrong types say what was expected, missing ones are `parameter_missing`.
 */
import { invalidRequest, type ApiError } from './errors.ts';
import type { FormObject, FormValue } from './form.ts';

/** Refuses any parameter outside `allowed`, so a typo is an error rather than silently ignored. */
export function allowOnly(params: FormObject, allowed: readonly string[], prefix = ''): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) {
      const name = prefix ? `${prefix}[${key}]` : key;
      throw invalidRequest(`Received unknown parameter: ${name}`, { code: 'parameter_unknown', param: name });
    }
  }
}

export function missing(name: string): ApiError {
  return invalidRequest(`Missing required param: ${name}.`, { code: 'parameter_missing', param: name });
}

export function optionalString(params: FormObject, name: string): string | undefined {
  const value = own(params, name);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${describe(value)}`, { param: name });
  return value;
}

export function requiredString(params: FormObject, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '') throw missing(name);
  return value;
}

export function optionalInteger(params: FormObject, name: string): number | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d{1,15}$/.test(value)) throw invalidRequest(`Invalid integer: ${value}`, { param: name });
  return Number(value);
}

export function optionalBoolean(params: FormObject, name: string): boolean | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw invalidRequest(`Invalid boolean: ${value}`, { param: name });
  return value === 'true';
}

export function optionalHash(params: FormObject, name: string): FormObject | undefined {
  const value = own(params, name);
  // An empty string is how a form says "an empty hash" (`metadata=` clears metadata).
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' || Array.isArray(value)) throw invalidRequest(`Invalid hash`, { param: name });
  return value;
}

export function stringArray(params: FormObject, name: string): string[] | undefined {
  const value = own(params, name);
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalidRequest('Invalid array', { param: name });
  }
  return value as string[];
}

/** Stripe's metadata limits: 50 keys, keys up to 40 characters, values up to 500; empty values are dropped. */
export function metadata(params: FormObject): Record<string, string> {
  const hash = optionalHash(params, 'metadata') ?? {};
  const kept: [string, string][] = [];
  const keys = Object.keys(hash);
  if (keys.length > 50) throw invalidRequest('Metadata can have at most 50 keys.', { param: 'metadata' });
  for (const key of keys) {
    const value = own(hash, key);
    const param = `metadata[${key}]`;
    if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${describe(value)}`, { param });
    if (key.length > 40) throw invalidRequest('Metadata keys can be at most 40 characters long.', { param });
    if (value.length > 500) throw invalidRequest('Metadata values can be at most 500 characters long.', { param });
    if (value !== '') kept.push([key, value]);
  }
  // fromEntries defines own properties: assigning `result['__proto__'] = value` would set the prototype instead.
  return Object.fromEntries(kept);
}

/** A parameter the client sent: parsed forms have no prototype, but a caller may pass any object. */
function own(params: FormObject, name: string): FormValue | undefined {
  return Object.hasOwn(params, name) ? params[name] : undefined;
}

function describe(value: FormValue | undefined): string {
  return JSON.stringify(value) ?? 'undefined';
}
