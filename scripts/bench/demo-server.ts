/**
 * The demo as the benchmark runs it: the handler behind a bare node:http server, on its in-process emulator
 * (DEMO_RATE_LIMIT=0, so the limiter doesn't shape the numbers). Prints `{"port": …}` once it listens.
 *
 * For load tests that need the limiter (scripts/bench/lib/rate-limit-load.ts): BENCH_RATE_LIMIT sets
 * DEMO_RATE_LIMIT, and BENCH_CLIENT_HEADER names a request header that carries the client id, so one load generator
 * on loopback can act as many clients. Benchmark-only: a real deployment must never trust a client-chosen id.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createDemoHandler } from '../../src/server/demo/index.ts';

const handler = createDemoHandler({ env: { DEMO_RATE_LIMIT: process.env.BENCH_RATE_LIMIT ?? '0' } });
const clientHeader = process.env.BENCH_CLIENT_HEADER?.toLowerCase();

const server = createServer(async (req, res) => {
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers: headersOf(req.headers),
    ...(hasBody && { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' }),
  });
  const claimed = clientHeader ? req.headers[clientHeader] : undefined;
  const response = await handler(request, typeof claimed === 'string' ? claimed : req.socket.remoteAddress);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void handler.close().then(() => process.exit(0));
  });
}

function headersOf(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  return headers;
}
