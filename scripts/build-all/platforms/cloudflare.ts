/**
 * Cloudflare Workers: static assets and `_redirects`/`_headers` in dist/client, the Worker in dist/server, run in
 * workerd through `wrangler dev` (the official local runtime, from npm).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { kb, readJson } from '../files.ts';
import { ROOT, WRANGLER } from '../paths.ts';
import { freePort } from '../processes.ts';
import { readRedirectFiles, verdict } from '../redirect-files.ts';
import { runEnv, serveAndCheck } from '../serve-check.ts';
import { isCheck, type Layout, type Platform } from '../types.ts';

const layout: Layout = {
  staticDir: 'dist/client',
  functionDir: 'dist/server',
  functionEntry: 'entry.mjs',
  rootFolders: ['.wrangler/deploy'],
};

/** A static or dynamic import of a `node:` module, which a Worker without nodejs_compat can't load. */
const NODE_IMPORT = /\b(?:import|export)\b[^;'"]*?\bfrom\s*["']node:|\bimport\s*\(\s*["']node:|\bimport\s*["']node:/;
/** Workers static assets take at most this many static redirects. */
const MAX_REDIRECTS = 2000;

export const cloudflare: Platform = {
  target: 'cloudflare',
  layout,
  checkFunction(bundle) {
    const { functionDir } = bundle;
    const modules = bundle.files.filter((file) => file.endsWith('.mjs') || file.endsWith('.js'));
    const gzip = modules.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(functionDir, file))).length, 0);
    const text = `${bundle.text}, ${kb(gzip)} KB gzip`;
    // The Node-only modules (the emulator, the SQLite store) must have been replaced by their throwing stubs.
    const nodeImports = modules.filter((file) => NODE_IMPORT.test(readFileSync(path.join(functionDir, file), 'utf8')));
    if (nodeImports.length) return { ok: false, text: `${text}; imports node:* in ${nodeImports.join(', ')}` };
    const config = readJson<{ compatibility_flags?: string[]; assets?: { directory?: string } }>(
      path.join(functionDir, 'wrangler.json'),
    );
    if (!existsSync(path.join(functionDir, config.assets?.directory ?? '', 'index.html'))) {
      return { ok: false, text: `${text}; wrangler.json's assets.directory does not hold the site` };
    }
    return { ok: true, text: `${text}, no node:* imports, flags [${(config.compatibility_flags ?? []).join(', ')}]` };
  },
  checkRedirectsAndHeaders(_dir, staticDir) {
    const files = readRedirectFiles(staticDir);
    if (isCheck(files)) return files;
    if (files.rules.length > MAX_REDIRECTS)
      files.problems.push(`${files.rules.length} rules: Cloudflare takes 2,000 static redirects at most`);
    if (!/^\/_astro\/\*\n\s+Cache-Control: .*immutable/m.test(files.headersText))
      files.problems.push('_headers lost the /_astro/* cache rule');
    return verdict(files.summary, files.problems);
  },
  async run(dir, { emulatorUrl, scratch }) {
    const port = await freePort();
    const args = [
      WRANGLER,
      'dev',
      '--config',
      path.join(dir, 'dist/server/wrangler.json'),
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(await freePort()),
      '--persist-to',
      path.join(scratch, 'wrangler-state'),
      '--var',
      `STRIPE_EMULATOR_URL:${emulatorUrl}`,
      '--show-interactive-dev-session=false',
      '--log-level',
      'info',
    ];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: {
        ...runEnv(emulatorUrl, path.join(scratch, 'cloudflare-data')),
        // Offline and quiet: no telemetry, no error reports, no fetch of the `Request.cf` placeholder.
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_SEND_ERROR_REPORTS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        WRANGLER_LOG_PATH: path.join(scratch, 'wrangler-logs'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    return serveAndCheck(child, `http://127.0.0.1:${port}`, 'wrangler dev (workerd)', path.join(dir, layout.staticDir));
  },
};

/** `.wrangler/deploy/config.json` names the Worker's config relative to itself; after the move, from its new place. */
export function repointWranglerRedirect(dir: string): void {
  const file = path.join(dir, '.wrangler/deploy/config.json');
  if (!existsSync(file)) return;
  const redirect = readJson<{ configPath: string }>(file);
  redirect.configPath = path
    .relative(path.dirname(file), path.join(dir, 'dist/server/wrangler.json'))
    .split(path.sep)
    .join('/');
  writeFileSync(file, JSON.stringify(redirect));
}
