/**
 * Serves a built site as readers get it: with `npm start`'s server (scripts/start.ts: the adapter's handler with
 * compression and the security headers) when the build has one, else its client folder with the static server.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startSite } from './browser-site.ts';
import { countingProxy, serveStatic, type StaticSite } from './static-server.ts';

/** Whether a build's outDir has the Node adapter's server (the on-demand routes). */
export function hasServer(dir: string): boolean {
  return existsSync(path.join(dir, 'server', 'entry.mjs'));
}

/** The client (static) folder of a build's outDir, or the folder itself if it is one. */
export function clientDir(dir: string): string {
  return existsSync(path.join(dir, 'client', 'index.html')) ? path.join(dir, 'client') : dir;
}

export interface Served {
  url: string;
  /** 'like npm start' when the build's own server serves it (compression, headers, API routes), else 'static'. */
  server: 'like npm start' | 'static';
  close(): Promise<void>;
}

/**
 * Serves a built site with `npm start`'s server (scripts/start.ts) when it has a server, else its client folder
 * with the static server (no compression).
 */
export async function serveSite(dir: string): Promise<Served> {
  if (hasServer(dir)) return startBuild(dir);
  const site = await serveStatic(clientDir(dir));
  return { ...site, server: 'static' };
}

/**
 * The site behind a counting proxy: every response's bytes as sent (compressed when the server compressed), and
 * the file behind it. Served like `npm start` when the build has a server, else by the static server.
 */
export async function serveCounted(dir: string): Promise<StaticSite & { server: Served['server'] }> {
  if (!hasServer(dir)) return { ...(await serveStatic(clientDir(dir))), server: 'static' };
  const app = await startBuild(dir);
  const proxy = await countingProxy(app.url, clientDir(dir));
  return {
    ...proxy,
    server: app.server,
    close: async () => {
      await proxy.close();
      await app.close();
    },
  };
}

async function startBuild(dir: string): Promise<Served> {
  const site = await startSite({}, dir);
  return { url: site.url, server: 'like npm start', close: site.close };
}
