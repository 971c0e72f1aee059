/**
 * Fails when the built site's public files hold Stripe key material: `node scripts/check-secrets.ts [folder]`
 * scans `dist/client` (or the folder given) for secret and restricted keys (`sk_`/`rk_`, live or test) and for
 * the value of STRIPE_SECRET_KEY if it is set, and exits 1 naming each file and line, without printing a key.
 * Run it after `astro build`; the scan itself is src/lib/secret-scan.ts.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanForSecrets } from '../src/lib/secret-scan.ts';
import { parseCommandLine } from './lib/args.ts';

const {
  positionals: [folder],
} = parseCommandLine(
  'usage: node scripts/check-secrets.ts [folder]\nFails when the built site (default dist/client) holds Stripe key material.',
  {},
  { positionals: true },
);
const root = resolve(folder ?? fileURLToPath(new URL('../dist/client', import.meta.url)));

if (!(await stat(root).catch(() => undefined))?.isDirectory()) {
  console.error(`check-secrets: ${root} is not a folder. Build the site first (npx astro build).`);
  process.exit(2);
}

const key = process.env.STRIPE_SECRET_KEY;
const findings = await scanForSecrets(root, { secrets: key ? [{ value: key, name: 'STRIPE_SECRET_KEY' }] : [] });
if (findings.length > 0) {
  console.error(`check-secrets: Stripe key material in ${root}, which is served to anyone:`);
  for (const { file, line, what } of findings) console.error(`  ${file}:${line}: ${what}`);
  console.error(
    'Remove the key from the source that produced each file, rebuild, and roll the key in the Stripe Dashboard.',
  );
  process.exit(1);
}
console.log(`check-secrets: no Stripe key material in ${root}${key ? ' (STRIPE_SECRET_KEY checked too)' : ''}.`);
