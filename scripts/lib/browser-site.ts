/**
 * The built site served the way `npm start` serves it, and Debian's Chromium driven by playwright-core: what the
 * browser tests, the search-quality report and the benchmarks share.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

export function findChromium(): string {
  const found = CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error(
      "No Chromium found for the browser tests. Install Debian's Chromium with `sudo apt-get install -y chromium` " +
        '(or set CHROMIUM_PATH to a Chromium or Chrome binary), then run `npm test` again.',
    );
  }
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export interface Site {
  url: string;
  server: ChildProcess;
  close(): Promise<void>;
}

/** Starts the built site (`dist/`, or another build's output folder) on a free port, with `npm start`'s server. */
export async function startSite(env: Record<string, string> = {}, outDir?: string): Promise<Site> {
  const server = spawn(
    process.execPath,
    [new URL('../start.ts', import.meta.url).pathname, ...(outDir ? [outDir] : [])],
    {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DEMO_RATE_LIMIT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the site did not start within 15 s:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/i.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.replace(/\/$/, ''));
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.once('exit', (code) => reject(new Error(`the site exited with ${code}:\n${output}`)));
  });
  return {
    url,
    server,
    close: async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((r) => server.once('exit', r));
      server.kill();
      await exited;
    },
  };
}

/** A fresh page; errors thrown by the page's own scripts fail the test that caught them. */
