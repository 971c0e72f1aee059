/**
 * The refund demo's calls to its own function (`/api/demo/*`). Every call is recorded with its request and response
 * so the widget can show the API view, and every POST carries an Idempotency-Key so a retry never repeats a refund.
 */

// The function's own response types: the widget reads exactly what the handler writes.
import type { DemoPayment, DemoRefund } from '../server/demo/view.ts';
import * as t from '../i18n/en.ts';
import { format } from '../i18n/format.ts';

export type { DemoPayment, DemoRefund };

export interface DemoErrorBody {
  code: string;
  message: string;
  param?: string;
}

export interface Exchange {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  status: number;
  response: unknown;
}

export type Outcome<T> =
  { ok: true; data: T; exchange: Exchange } | { ok: false; error: DemoErrorBody; exchange: Exchange };

async function call<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  idempotencyKey?: string,
  signal?: AbortSignal,
): Promise<Outcome<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  let status = 0;
  let response: unknown;
  try {
    const res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    status = res.status;
    response = await res.json().catch(() => ({ error: { code: 'bad_response', message: t.demoNotJson } }));
  } catch {
    response = { error: { code: 'network', message: t.demoUnreachable } };
  }
  const exchange: Exchange = { method, path, ...(body !== undefined && { body }), status, response };
  if (status >= 200 && status < 300) return { ok: true, data: response as T, exchange };
  const error = (response as { error?: DemoErrorBody }).error ?? {
    code: 'unknown',
    message: format(t.demoUnexpectedStatus, { status }),
  };
  return { ok: false, error, exchange };
}

export const demoApi = {
  status: () => call<{ mode: 'emulator' | 'test' }>('GET', '/api/demo/status'),
  createPayment: (input: { amount: number; currency: string; scenario: string }, key: string, signal?: AbortSignal) =>
    call<{ payment: DemoPayment }>('POST', '/api/demo/payments', input, key, signal),
  getPayment: (id: string, signal?: AbortSignal) =>
    call<{ payment: DemoPayment }>('GET', `/api/demo/payments/${encodeURIComponent(id)}`, undefined, undefined, signal),
  refund: (id: string, input: { amount?: number; reason?: string; note?: string }, key: string, signal?: AbortSignal) =>
    call<{ refund: DemoRefund; payment: DemoPayment }>(
      'POST',
      `/api/demo/payments/${encodeURIComponent(id)}/refunds`,
      input,
      key,
      signal,
    ),
  cancelRefund: (id: string, key: string, signal?: AbortSignal) =>
    call<{ refund: DemoRefund; payment: DemoPayment }>(
      'POST',
      `/api/demo/refunds/${encodeURIComponent(id)}/cancel`,
      {},
      key,
      signal,
    ),
};
