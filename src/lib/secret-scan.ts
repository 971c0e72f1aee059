/**
 * Looks for Stripe key material in a folder of files, such as the built site's `dist/client`, which is served
 * to anyone: secret and restricted keys (`sk_`/`rk_`, live or test) and any exact secret given, like the value
 * of STRIPE_SECRET_KEY at build time. Gzip-compressed files (Pagefind's index) are read decompressed. Findings
 * never repeat the key: they name the file and line and show the key's prefix and last four characters.
 * Node-only; used by scripts/check-secrets.ts.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const keyPattern = /(sk|rk)_(live|test)_[A-Za-z0-9]{10,}/g;
const wholeKey = new RegExp(`^${keyPattern.source}$`);

export interface SecretFinding {
  /** The file, relative to the scanned folder, with `/` separators. */
  file: string;
  line: number;
  /** What was found, redacted, like `sk_test_…x9Fz` or `the value of STRIPE_SECRET_KEY`. */
  what: string;
}

export interface ScanOptions {
  /** Exact strings that must not appear, each with how to name it in a finding. */
  secrets?: readonly { value: string; name: string }[];
}

/** Every file under `root`, and what in it looks like key material. */
export async function scanForSecrets(root: string, { secrets = [] }: ScanOptions = {}): Promise<SecretFinding[]> {
  const findings: SecretFinding[] = [];
  // A short or empty "secret" would match everywhere and protect nothing.
  const exact = secrets.filter(({ value }) => value.trim().length >= 8);
  for (const path of await filesUnder(root)) {
    const file = relative(root, path).split('\\').join('/');
    const text = decode(await readFile(path));
    findings.push(...scanText(text, file, exact));
  }
  return findings;
}

export function scanText(
  text: string,
  file: string,
  secrets: readonly { value: string; name: string }[] = [],
): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const match of text.matchAll(keyPattern)) {
    findings.push({ file, line: lineOf(text, match.index), what: redact(match[0]) });
  }
  for (const { value, name } of secrets) {
    // A value shaped like a key is already caught by the pattern, wherever it is.
    if (wholeKey.test(value)) continue;
    for (let index = text.indexOf(value); index !== -1; index = text.indexOf(value, index + 1)) {
      findings.push({ file, line: lineOf(text, index), what: `the value of ${name}` });
    }
  }
  return findings;
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Text as a reader of the file would get it: gunzipped if compressed, bytes as Latin-1 so nothing fails to decode. */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      // Not gzip after all: scan the bytes as they are.
    }
  }
  return bytes.toString('latin1');
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

function redact(key: string): string {
  const prefix = /^[a-z]+_[a-z]+_/.exec(key)?.[0] ?? '';
  return `${prefix}…${key.slice(-4)}`;
}
