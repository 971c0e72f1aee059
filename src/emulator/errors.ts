/**
 * Stripe's error envelope. Handlers throw `ApiError`; the server turns it into
 * `{"error": {...}}` with the HTTP status, exactly as the SDK expects to parse it.
 */
import type Stripe from 'stripe';

export type ErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface ErrorBody {
  type: ErrorType;
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
  decline_code?: string;
  charge?: string;
  payment_intent?: Stripe.PaymentIntent;
  payment_method?: Stripe.PaymentMethod;
  setup_intent?: Stripe.SetupIntent;
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;

  constructor(status: number, body: ErrorBody) {
    super(body.message);
    this.status = status;
    this.body = body.code && !body.doc_url ? { ...body, doc_url: docUrl(body.code) } : body;
  }
}

function docUrl(code: string): string {
  return `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;
}

interface Details {
  code?: string;
  param?: string;
}

export function invalidRequest(message: string, details: Details = {}, status = 400): ApiError {
  return new ApiError(status, { type: 'invalid_request_error', message, ...details });
}

/** An id in the URL that names nothing is a 404; an id passed as a parameter is a 400 naming that parameter. */
export function resourceMissing(resource: string, id: string, param = 'id'): ApiError {
  return invalidRequest(
    `No such ${resource}: '${id}'`,
    { code: 'resource_missing', param },
    param === 'id' ? 404 : 400,
  );
}
