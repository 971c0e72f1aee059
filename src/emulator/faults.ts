/**
 * Fault injection for resilience tests: the next matching requests answer with an error status, wait before
 * being handled (once their body has arrived, so the change still lands if the client gives up), or lose their
 * connection (before the change is made, or after it, like a response lost on the way back).
 */
export type Fault = FaultTarget &
  ({ kind: 'error'; status: number } | { kind: 'delay'; ms: number } | { kind: 'drop'; after?: boolean });

interface FaultTarget {
  /** How many matching requests this fault hits; 1 when omitted. */
  times?: number;
  method?: string;
  /** Matches request paths that start with this, like `/v1/refunds`. */
  path?: string;
}

export interface Faults {
  add(...faults: Fault[]): void;
  clear(): void;
  pending(): Fault[];
  /** The fault for this request, if any, counting it against the fault's `times`. */
  take(method: string, path: string): Fault | undefined;
}

export function createFaults(initial: readonly Fault[] = []): Faults {
  let queue = initial.map((fault) => ({ ...fault, times: fault.times ?? 1 }));
  return {
    add(...faults) {
      queue.push(...faults.map((fault) => ({ ...fault, times: fault.times ?? 1 })));
    },
    clear() {
      queue = [];
    },
    pending: () => queue.map((fault) => ({ ...fault })),
    take(method, path) {
      const fault = queue.find(
        (candidate) =>
          (candidate.method === undefined || candidate.method.toUpperCase() === method) &&
          (candidate.path === undefined || path.startsWith(candidate.path)),
      );
      if (!fault) return undefined;
      fault.times -= 1;
      if (fault.times <= 0) queue = queue.filter((candidate) => candidate !== fault);
      return fault;
    },
  };
}

/** Checks faults posted to the control endpoint; throws with a message naming what is wrong. */
export function parseFaults(input: unknown): Fault[] {
  const list = Array.isArray(input) ? input : isRecord(input) && Array.isArray(input.faults) ? input.faults : [input];
  return list.map((item, index) => {
    if (!isRecord(item)) throw new Error(`faults[${index}] must be an object`);
    const target: FaultTarget = {};
    if (item.times !== undefined) target.times = positiveInteger(item.times, `faults[${index}].times`);
    if (item.method !== undefined) target.method = text(item.method, `faults[${index}].method`);
    if (item.path !== undefined) target.path = text(item.path, `faults[${index}].path`);
    switch (item.kind) {
      case 'error': {
        const status = positiveInteger(item.status, `faults[${index}].status`);
        if (status < 400 || status > 599) throw new Error(`faults[${index}].status must be between 400 and 599`);
        return { ...target, kind: 'error', status };
      }
      case 'delay':
        return { ...target, kind: 'delay', ms: positiveInteger(item.ms, `faults[${index}].ms`) };
      case 'drop':
        return { ...target, kind: 'drop', after: item.after === true };
      default:
        throw new Error(`faults[${index}].kind must be "error", "delay" or "drop"`);
    }
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInteger(value: unknown, name: string): number {
  if (!Number.isInteger(value) || (value as number) < 1) throw new Error(`${name} must be a positive integer`);
  return value as number;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${name} must be a non-empty string`);
  return value;
}
