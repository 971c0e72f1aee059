/**
 * Events: what changed, as `GET /v1/events` shows it. Each keeps a copy of the object as it was at that moment
 * (`data.object`) and, for an update, the fields it had before (`data.previous_attributes`). Nothing is delivered
 * to webhook endpoints: the emulator has none.
 */
import Stripe from 'stripe';
import { newId, nowSeconds } from './ids.ts';
import type { State } from './state.ts';

/** Events kept in memory; the oldest are forgotten beyond this, as Stripe keeps them for 30 days. */
const maxEvents = 10_000;

export function recordEvent(state: State, type: string, object: object, previous?: Record<string, unknown>): void {
  const event = {
    id: newId('evt_'),
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: nowSeconds(),
    data: {
      object: structuredClone(object),
      ...(previous !== undefined && { previous_attributes: structuredClone(previous) }),
    },
    livemode: false,
    pending_webhooks: 0,
    // The emulator doesn't tie events to the request that caused them.
    request: { id: null, idempotency_key: null },
    type,
  };
  // The SDK's Event is a union over every event type; this builds the common shape they all share.
  state.events.set(event.id, event as unknown as Stripe.Event);
  if (state.events.size > maxEvents) state.events.delete(state.events.keys().next().value as string);
}
