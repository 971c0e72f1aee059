/**
 * Request bodies checked against a zod schema, strictly: an unknown field is refused by name, not ignored, and
 * every refusal names the field and says, in words, what a valid value looks like.
 */
import type { z } from 'zod';
import { HttpError } from './error.ts';

/** A request body's schema, with what each field must be, in words, for the error messages. */
export interface BodySpec<T extends z.ZodType> {
  schema: T;
  help: Readonly<Record<string, string>>;
  /** A valid body, shown when the body isn't a JSON object; an amount by default. */
  example?: string;
}

/** Parses a request body against a spec, or throws a 400 naming the first field at fault. */
export function parseBody<T extends z.ZodType>(
  { schema, help, example = '{"amount": 2500}' }: BodySpec<T>,
  body: unknown,
): z.output<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_body', `The request body must be a JSON object, like ${example}.`);
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const fields = Object.keys(help);
  if (issue?.code === 'unrecognized_keys') {
    const field = issue.keys[0] ?? '';
    const accepted = fields.length ? `Send only ${fields.join(', ')}.` : 'Send an empty object, or no body.';
    throw new HttpError(400, 'unknown_field', `The field "${field}" isn't accepted here. ${accepted}`, {
      param: field,
    });
  }
  const field = String(issue?.path[0] ?? '');
  const expected = help[field];
  if (issue?.code === 'custom' || expected === undefined) {
    throw new HttpError(400, 'invalid_field', issue?.message ?? 'The request body is not valid.', { param: field });
  }
  if (!(field in body))
    throw new HttpError(400, 'missing_field', `${field} is required: ${expected}.`, { param: field });
  throw new HttpError(400, 'invalid_field', `${field} must be ${expected}.`, { param: field });
}
