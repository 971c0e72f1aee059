/**
 * What every function does around its own routes: find the client, turn any failure into the JSON error shape,
 * and log the ones on the server's side as one redacted line, never with what the reader sent.
 */
import { clientAddressOf } from './client-address.ts';
import { HttpError, internalError } from './error.ts';
import { errorResponse } from './json-response.ts';
import { redactKeys } from './redact.ts';

export interface ServeOptions {
  /** Names the function in log lines: `[refund-demo]`, `[feedback]`. */
  name: string;
  /** Where failures on the server's side go: one line each. */
  log: (line: string) => void;
  /** Proxies in front whose forwarded headers name the client (TRUST_PROXY); 0 trusts none. */
  trustProxy: number;
  /** A few words about a cause the generic description can't give (an SDK error's type and request id). */
  describeCause?: (cause: unknown) => string | undefined;
}

/** The routes of one function, given the request and the client it is counted against. */
export type Handle = (request: Request, clientId: string) => Promise<Response>;

/** `clientAddress` is the connection's address, as the platform gives it (Astro's `clientAddress`). */
export type Serve = (request: Request, clientAddress?: string) => Promise<Response>;

export function serve(handle: Handle, { name, log, trustProxy, describeCause }: ServeOptions): Serve {
  return async (request, clientAddress) => {
    // Without a client address every request shares one allowance: stricter, never looser.
    const clientId = clientAddressOf(request, clientAddress, trustProxy) ?? 'anonymous';
    try {
      return await handle(request, clientId);
    } catch (error) {
      const known = error instanceof HttpError ? error : internalError(error);
      if (known.status >= 500 && !known.reported) log(describeFailure(name, request, known, describeCause));
      return errorResponse(known);
    }
  };
}

/** One line for the operator: what failed and why, with every Stripe key redacted. */
export function describeFailure(
  name: string,
  request: Request,
  error: HttpError,
  describeCause: (cause: unknown) => string | undefined = () => undefined,
): string {
  const { pathname } = new URL(request.url);
  const cause = error.cause;
  const detail =
    describeCause(cause) ?? (cause instanceof Error ? `${cause.name}: ${cause.message}` : 'no further detail');
  return redactKeys(`[${name}] ${request.method} ${pathname} → ${error.status} ${error.code}: ${detail}`);
}
