/** The JSON answers of the site's functions (the refund demo, feedback): one shape for success and for errors. */
import type { HttpError } from './error.ts';

/** Answers are never cached, and never sniffed as another type. */
export const noStoreHeaders = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...noStoreHeaders, ...headers },
  });
}

/** `{ error: { code, message, param? } }` with the error's status and headers (Retry-After, Allow). */
export function errorResponse(error: HttpError): Response {
  const body = { code: error.code, message: error.message, ...(error.param !== undefined && { param: error.param }) };
  return json(error.status, { error: body }, error.headers);
}
