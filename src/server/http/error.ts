/**
 * The one error type of the site's functions: a status, a stable `code` a client can branch on, a message that
 * says what to do, and the field at fault. Every refusal and failure becomes `{ error: { code, message, param? } }`.
 */
interface HttpErrorDetails {
  param?: string;
  /** Seconds, for 429 and 503 answers. */
  retryAfter?: number;
  /** The methods a path takes, for 405 answers. */
  allow?: string;
  /** What went wrong underneath, for the operator's log; never shown to the client. */
  cause?: unknown;
  /** The operator has already been told (a setting missing, logged once): not worth a log line per request. */
  reported?: boolean;
}

export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly code: string;
  readonly param: string | undefined;
  readonly headers: Record<string, string> = {};
  readonly reported: boolean;

  constructor(
    status: number,
    code: string,
    message: string,
    { param, retryAfter, allow, cause, reported = false }: HttpErrorDetails = {},
  ) {
    super(message, { cause });
    this.reported = reported;
    this.status = status;
    this.code = code;
    this.param = param;
    if (retryAfter !== undefined) this.headers['retry-after'] = String(retryAfter);
    if (allow !== undefined) this.headers.allow = allow;
  }
}

export function internalError(cause: unknown): HttpError {
  return new HttpError(
    500,
    'internal_error',
    'Something went wrong on our side. Nothing was wrong with your request; please try again in a moment.',
    { cause },
  );
}
