/**
 * The `example="…"` marker in a fence's meta string, the one way content talks to the samples runner:
 *
 * - `example="skip: <reason>"`: the block can't run offline (needs the Dashboard, a bank, a webhook endpoint);
 *   the runner counts and lists it with the reason.
 * - `example="pi_123=disputed; expect=error"`: clauses separated by `;`. `<placeholder>=<recipe>` says which
 *   fixture stands behind a placeholder id when the default for its prefix doesn't fit; `given=<recipe>` makes
 *   a fixture the sample doesn't name (a list needs something to list); `expect=error` says the sample's last
 *   request is meant to fail.
 * - On a `json` excerpt, `example="shape: <reason>"` compares numbers by type only (amounts that depend on the
 *   account, like a balance), and `example="skip: <reason>"` leaves the excerpt unchecked.
 */

export interface Marker {
  skip?: string;
  shape?: string;
  /** Placeholder id → fixture recipe name. */
  fixtures: Record<string, string>;
  given: string[];
  expectError: boolean;
}

export function parseMarker(value: string | undefined): Marker {
  const marker: Marker = { fixtures: {}, given: [], expectError: false };
  if (value === undefined) return marker;
  const prose = /^(skip|shape):\s*(.+)$/.exec(value.trim());
  if (prose) {
    marker[prose[1] as 'skip' | 'shape'] = prose[2] ?? '';
    return marker;
  }
  for (const clause of value
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [key = '', recipe, ...rest] = clause.split('=').map((part) => part.trim());
    if (recipe === undefined || recipe === '' || rest.length > 0) {
      throw new Error(`example="${value}": "${clause}" should be key=value (or the whole marker "skip: <reason>")`);
    }
    if (key === 'expect') {
      if (recipe !== 'error') throw new Error(`example="${value}": expect can only be "error"`);
      marker.expectError = true;
    } else if (key === 'given') marker.given.push(recipe);
    else if (/^[a-z]+_\w+$/.test(key)) marker.fixtures[key] = recipe;
    else throw new Error(`example="${value}": unknown key "${key}" (a placeholder id, given or expect)`);
  }
  return marker;
}
