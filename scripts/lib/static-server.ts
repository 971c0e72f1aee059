/**
 * A tiny static file server for a built site's client folder (the pages, the search client and the Pagefind index
 * are all static files). Like the Node adapter that `npm start` uses, it does not compress: the bytes a browser
 * counts are the file sizes plus headers. `gzip: true` compresses text types on the fly (level 6, like most CDNs),
 * to see what a compressing host would send. Directories serve their index.html, and a miss serves 404.html.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  // Pagefind's index files are gzip streams it decompresses itself: served as opaque bytes.
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript|manifest\+json)|image\/svg)/;

export interface Served {
  path: string;
  /** The file on disk that answered ('' for a dynamic answer). */
  file: string;
  status: number;
  /** Body bytes sent (after compression, when compressed). */
  bytes: number;
  type: string;
  /** Content-Encoding of the answer, if any. */
  encoding?: string;
}

export interface StaticSite {
  url: string;
  /** Every response sent, in order: the ground truth for what a page fetched, whatever the browser reports. */
  served: Served[];
  close(): Promise<void>;
}

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Listens on a free loopback port; closing also ends kept-alive connections, so a run never waits on them. */
async function listen(server: Server, served: Served[]): Promise<StaticSite> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function resolveFile(root: string, pathname: string): { file: string; redirect?: string } | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const file = path.join(root, path.normalize(decoded));
  if (!file.startsWith(root)) return undefined;
  if (!existsSync(file)) return undefined;
  const stat = statSync(file);
  if (stat.isFile()) return { file };
  if (stat.isDirectory()) {
    if (!pathname.endsWith('/')) return { file: '', redirect: `${pathname}/` };
    const index = path.join(file, 'index.html');
    return existsSync(index) ? { file: index } : undefined;
  }
  return undefined;
}

export async function serveStatic(dir: string, options: { gzip?: boolean; proxy?: string } = {}): Promise<StaticSite> {
  const root = path.resolve(dir);
  const served: Served[] = [];
  if (!existsSync(path.join(root, 'index.html')))
    throw new Error(`${root} has no index.html: is it a built site's client folder?`);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (options.proxy && !resolveFile(root, url.pathname)) {
      void forward(options.proxy, req, res, url, served);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const found = resolveFile(root, url.pathname);
    if (found?.redirect) {
      res.writeHead(301, { location: found.redirect + url.search }).end();
      return;
    }
    const status = found ? 200 : 404;
    const file = found?.file ?? path.join(root, '404.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = contentType(file);
    const headers: Record<string, string | number> = { 'content-type': type, 'cache-control': 'no-cache' };
    const gzip =
      options.gzip && COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) headers['content-encoding'] = 'gzip';
    else headers['content-length'] = statSync(file).size;
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const record: Served = { path: url.pathname, file, status, bytes: 0, type, encoding: gzip ? 'gzip' : undefined };
    served.push(record);
    const stream = createReadStream(file);
    const body = gzip ? stream.pipe(createGzip({ level: 6 })) : stream;
    body.on('data', (chunk: Buffer) => (record.bytes += chunk.length));
    body.pipe(res);
  });
  return listen(server, served);
}

async function forward(
  base: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  served: Served[],
): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string' && name !== 'host') headers.set(name, value);
    const answer = await fetch(new URL(url.pathname + url.search, base), {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
      redirect: 'manual',
    });
    const body = Buffer.from(await answer.arrayBuffer());
    const type = answer.headers.get('content-type') ?? 'application/octet-stream';
    served.push({ path: url.pathname, file: '', status: answer.status, bytes: body.length, type });
    const out: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
    });
    res.writeHead(answer.status, { ...out, 'content-length': String(body.length) }).end(body);
  } catch (error) {
    res.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
  }
}

/**
 * A pass-through proxy in front of a running server (`upstream`) that counts what crosses it, compressed as the
 * server compressed it: the same record as the static server keeps, for a site served by its own server. `root`
 * (the build's client folder) names the file behind each static answer. `rewriteHeaders` changes the response
 * headers on the way (a benchmark comparing the same pages with and without one header); the server is untouched.
 */
export async function countingProxy(
  upstream: string,
  root?: string,
  rewriteHeaders?: (headers: IncomingMessage['headers'], pathname: string) => IncomingMessage['headers'],
): Promise<StaticSite> {
  const target = new URL(upstream);
  const served: Served[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const record: Served = { path: url.pathname, file: '', status: 0, bytes: 0, type: '' };
    served.push(record);
    const outgoing = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        record.status = answer.statusCode ?? 0;
        record.type = String(answer.headers['content-type'] ?? '');
        record.encoding = answer.headers['content-encoding'];
        const found = root && record.status === 200 ? resolveFile(path.resolve(root), url.pathname) : undefined;
        if (found?.file) record.file = found.file;
        answer.on('data', (chunk: Buffer) => (record.bytes += chunk.length));
        res.writeHead(
          record.status || 502,
          rewriteHeaders ? rewriteHeaders({ ...answer.headers }, url.pathname) : answer.headers,
        );
        answer.pipe(res);
      },
    );
    outgoing.on('error', (error) => {
      record.status = 502;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
    req.pipe(outgoing);
  });
  return listen(server, served);
}
