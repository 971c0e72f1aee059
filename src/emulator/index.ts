/**
 * A local stand-in for the slice of Stripe's API the refund demo and the articles' samples use: a real HTTP server
 * speaking Stripe's wire protocol, so the `stripe` SDK (or curl) talks to it exactly as it would to api.stripe.com,
 * offline and with every test-card scenario reproducible.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaults, type Fault } from './faults.ts';
import { createIdempotencyStore } from './idempotency.ts';
import { createRoutes } from './routes.ts';
import { createListener } from './server.ts';
import { createState } from './state.ts';

export type { Fault } from './faults.ts';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback by default: the emulator accepts any test key and should not face a network. */
  host?: string;
  /** How long a `pm_card_pendingRefund` refund stays pending, and a `pm_card_refundFail` one succeeded. */
  refundDelayMs?: number;
  /** How long a `pm_card_refundFail` refund stays succeeded, when it should differ from `refundDelayMs`. */
  refundFailDelayMs?: number;
  /** How long a succeeded card refund's ARN stays `pending`; `refundFailDelayMs` when omitted. */
  refundReferenceDelayMs?: number;
  /** How long a payout stays `pending` before it is paid or fails; `refundDelayMs` when omitted. */
  payoutDelayMs?: number;
  /** Payments kept in memory; the oldest are forgotten beyond this, with their charges and refunds. */
  maxPaymentIntents?: number;
  /** Faults to apply to the first requests, as `injectFaults` would. */
  faults?: Fault[];
}

export interface Emulator {
  url: string;
  port: number;
  injectFaults(...faults: Fault[]): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const { port = 0, host = '127.0.0.1', refundDelayMs = 2000, maxPaymentIntents = 10_000 } = options;
  const idempotency = createIdempotencyStore();
  const state = createState({
    refundDelayMs,
    ...(options.refundFailDelayMs !== undefined && { refundFailDelayMs: options.refundFailDelayMs }),
    ...(options.refundReferenceDelayMs !== undefined && { refundReferenceDelayMs: options.refundReferenceDelayMs }),
    ...(options.payoutDelayMs !== undefined && { payoutDelayMs: options.payoutDelayMs }),
    maxPaymentIntents,
    onForget: (ids) => idempotency.forget(ids),
  });
  const faults = createFaults(options.faults);
  const sleeps = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        sleeps.delete(timer);
        resolve();
      }, ms);
      sleeps.add(timer);
    });

  const server = createServer(
    { keepAliveTimeout: 30_000 },
    createListener({ routes: createRoutes(state), idempotency, faults, sleep }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    injectFaults: (...added) => faults.add(...added),
    clearFaults: () => faults.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        state.close();
        for (const timer of sleeps) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
