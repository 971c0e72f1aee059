/**
 * Stripe's idempotency: the first answer to a key (errors included) is kept and replayed for the same request;
 * the same key with different parameters is refused. Keys are forgotten after 24 hours, as Stripe may.
 */
export interface SavedResponse {
  status: number;
  body: string;
}

interface Entry extends SavedResponse {
  fingerprint: string;
  savedAt: number;
}

export type Lookup = { kind: 'new' } | { kind: 'mismatch' } | { kind: 'replay'; response: SavedResponse };

export interface IdempotencyStore {
  lookup(key: string, fingerprint: string): Lookup;
  save(key: string, fingerprint: string, response: SavedResponse): void;
}

const dayMs = 24 * 60 * 60 * 1000;

export function createIdempotencyStore(ttlMs = dayMs): IdempotencyStore {
  const entries = new Map<string, Entry>();

  function prune(now: number): void {
    // Entries sit in insertion order, so the expired ones are all at the front.
    for (const [key, entry] of entries) {
      if (now - entry.savedAt < ttlMs) return;
      entries.delete(key);
    }
  }

  return {
    lookup(key, fingerprint) {
      prune(Date.now());
      const entry = entries.get(key);
      if (!entry) return { kind: 'new' };
      if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
      return { kind: 'replay', response: { status: entry.status, body: entry.body } };
    },
    save(key, fingerprint, response) {
      entries.set(key, { ...response, fingerprint, savedAt: Date.now() });
    },
  };
}

/** Parameters compared regardless of the order a client happened to encode them in. */
export function fingerprintOf(method: string, path: string, params: unknown): string {
  return `${method} ${path} ${JSON.stringify(params, (_key, value: unknown) => sortKeys(value))}`;
}

function sortKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
