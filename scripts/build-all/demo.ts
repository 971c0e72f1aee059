/** The demo's one real request, made against every target's function. */
import type { Check } from './types.ts';

export interface DemoResult {
  status: number;
  body: string;
}

/**
 * Creates a test payment (POST, same origin, as the page sends it), then reads it back, which on a serverless
 * target only works because both reach the same emulator. Self-contained, as it is also sent to a child process
 * as text.
 */
export async function demoRequests(
  origin: string,
  call: (request: Request) => Promise<Response> = (request) => fetch(request),
): Promise<DemoResult> {
  const create = await call(
    new Request(`${origin}/api/demo/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ amount: 2000 }),
    }),
  );
  const created = await create.text();
  if (create.status !== 201) return { status: create.status, body: created };
  const id = (JSON.parse(created) as { payment: { id: string } }).payment.id;
  const read = await call(new Request(`${origin}/api/demo/payments/${id}`));
  return { status: read.status, body: await read.text() };
}

export function demoCheck(result: DemoResult, label: string): Check {
  const payment =
    result.status === 200
      ? (JSON.parse(result.body) as { payment?: { id?: string; status?: string } }).payment
      : undefined;
  if (!payment?.id?.startsWith('pi_'))
    return { ok: false, text: `${label}: demo answered ${result.status} ${result.body.slice(0, 160)}` };
  return {
    ok: true,
    text: `${label}: POST /api/demo/payments 201, GET ${payment.id.slice(0, 8)}… 200 ${payment.status}`,
  };
}

/** One cell for two checks of the same run: passed when both did. */
export function bothChecks(first: Check, second: Check): Check {
  return { ok: first.ok && second.ok, text: `${first.text}; ${second.text}` };
}
