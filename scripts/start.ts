/**
 * `npm start` (after the build): serves the built site and its on-demand routes. The Node adapter's handler
 * does the serving; this wraps it in the things a production server owes every response and the adapter's own
 * server doesn't add: compression, the security headers (see src/server/security-headers.ts), and real 301s for
 * the short links and former addresses listed in `_redirects`.
 * PORT picks the port (default 4321), HOST the interface (default localhost). `node scripts/start.ts <outDir>`
 * serves another build's output folder (benchmarks and `build:all` build elsewhere than dist/).
 * A live Stripe key, or any malformed setting (see src/server/config.ts), stops the server before it listens.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import { parseRedirects } from '../src/integrations/redirects.ts';
import { assetHeaders } from '../src/server/security-headers.ts';
import { ConfigError, loadConfig, type Config } from '../src/server/config.ts';
import { siteName } from '../src/lib/site.ts';

const { port, host, mode } = settings();
console.log(
  mode === 'emulator'
    ? 'Refund demo: no STRIPE_SECRET_KEY, so it runs offline against the built-in Stripe emulator.'
    : 'Refund demo: talking to Stripe in test mode.',
);

function settings(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Not starting:\n${error.message}`);
    process.exit(1);
  }
}

const dist = process.argv[2]
  ? pathToFileURL(`${path.resolve(process.argv[2])}/`)
  : new URL('../dist/', import.meta.url);
const headers = JSON.parse(readFileSync(new URL('security-headers.json', dist), 'utf8')) as Record<string, string>;
const forAssets = assetHeaders(headers);
/** Pages are addressed by folder (`/refunds/`) or as .html; anything else with an extension is a file. */
const isDocument = (pathname: string) => !/\.[a-z0-9]+$/i.test(pathname) || pathname.endsWith('.html');
const redirects = parseRedirects(readFileSync(new URL('client/_redirects', dist), 'utf8'));
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = (await import(new URL('server/entry.mjs', dist).href)) as {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
};
const compress = compression();

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://x');
  for (const [name, value] of Object.entries(
    isDocument(pathname) && !pathname.startsWith('/api/') ? headers : forAssets,
  ))
    res.setHeader(name, value);
  const target = redirects.get(pathname);
  if (target && (req.method === 'GET' || req.method === 'HEAD')) {
    res.writeHead(301, { location: target, 'cache-control': 'public, max-age=3600' }).end();
    return;
  }
  compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => handler(req, res));
});
server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`${siteName} listening on http://${host}:${actual}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
