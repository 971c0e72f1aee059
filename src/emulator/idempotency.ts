/**
 * Stripe's idempotency: the first answer to a key is kept and replayed for the same request; the same key with
 * different parameters is refused. Keys are forgotten after 24 hours, as Stripe may, and sooner when the store is
 * full (the least recently used first) or when the objects an answer names are forgotten by the emulator: a
 * replay must never hand out a payment that no longer exists.
 */
export interface SavedResponse {
  status: number;
  body: string;
}

interface Entry extends SavedResponse {
  fingerprint: string;
  savedAt: number;
  objectIds: readonly string[];
}

export type Lookup = { kind: 'new' } | { kind: 'mismatch' } | { kind: 'replay'; response: SavedResponse };

export interface IdempotencyStore {
  lookup(key: string, fingerprint: string): Lookup;
  /** Keeps `response` for `key`; `objectIds` are the objects it names, so it goes when they do. */
  save(key: string, fingerprint: string, response: SavedResponse, objectIds?: readonly string[]): void;
  /** Drops every saved answer that names one of these objects. */
  forget(objectIds: Iterable<string>): void;
  readonly size: number;
}

export interface IdempotencyOptions {
  /** How long a key is kept. */
  ttlMs?: number;
  /** How many keys are kept at most; beyond it the least recently used goes. */
  maxEntries?: number;
  now?: () => number;
}

const dayMs = 24 * 60 * 60 * 1000;

export function createIdempotencyStore(options: IdempotencyOptions = {}): IdempotencyStore {
  const { ttlMs = dayMs, maxEntries = 10_000, now = Date.now } = options;
  // A Map iterates in insertion order; an entry used again is moved to the end, so the front is the least recent.
  const entries = new Map<string, Entry>();
  const keysByObject = new Map<string, Set<string>>();

  function drop(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    for (const id of entry.objectIds) {
      const keys = keysByObject.get(id);
      keys?.delete(key);
      if (keys?.size === 0) keysByObject.delete(id);
    }
  }

  return {
    lookup(key, fingerprint) {
      const entry = entries.get(key);
      if (!entry) return { kind: 'new' };
      if (now() - entry.savedAt >= ttlMs) {
        drop(key);
        return { kind: 'new' };
      }
      entries.delete(key);
      entries.set(key, entry);
      if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
      return { kind: 'replay', response: { status: entry.status, body: entry.body } };
    },
    save(key, fingerprint, { status, body }, objectIds = []) {
      drop(key);
      entries.set(key, { status, body, fingerprint, savedAt: now(), objectIds });
      for (const id of objectIds) {
        const keys = keysByObject.get(id) ?? new Set();
        keys.add(key);
        keysByObject.set(id, keys);
      }
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        drop(oldest);
      }
    },
    forget(objectIds) {
      for (const id of objectIds) for (const key of [...(keysByObject.get(id) ?? [])]) drop(key);
    },
    get size() {
      return entries.size;
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
