/**
 * The figures of the rate-limit load test: rate-limit-load.ts writes them, `npm run bench:load` (scripts/bench/load.ts)
 * reads them back, and both print its phases with `phaseTable`.
 */
import { table } from '../../lib/table.ts';

/** One phase's figures for one client, or for the clients the steady traffic is spread over. */
export interface LoadPhase {
  phase: string;
  client: string;
  requests: number;
  requests_per_second: number;
  ok_2xx: number;
  rate_limited_429: number;
  other_non_2xx: number;
  errors: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
  latency_max_ms: number;
}

export interface LoadReport {
  date: string;
  node: string;
  cpu: string;
  stripe: string;
  rate_limit_per_client_minute: { actions: number; reads: number };
  steady: {
    seconds: number;
    rate: number;
    clients: number;
    connections: number;
    reads_per_client_minute: number;
    refunds_per_client_minute: number;
  };
  burst: { seconds: number };
  phases: LoadPhase[];
  /** What went wrong (a steady phase refused or failed requests, or the burst was not cut off); empty = passed. */
  problems: string[];
}

/** The phases as a table, a row each. */
export function phaseTable(phases: LoadPhase[], title?: string): string {
  const rows = phases.map((p) => ({
    phase: p.phase,
    client: p.client,
    requests: p.requests,
    'req/s': p.requests_per_second,
    '2xx': p.ok_2xx,
    '429s': p.rate_limited_429,
    other: p.other_non_2xx,
    errors: p.errors,
    'p50 ms': p.latency_p50_ms,
    'p99 ms': p.latency_p99_ms,
    'max ms': p.latency_max_ms,
  }));
  return table(rows, title);
}
