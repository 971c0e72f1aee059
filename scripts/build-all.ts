/**
 * `npm run build:all [-- <target>…] [-- --no-run]`: builds the site for every deployment target, one after
 * another, offline, into dist/deploy/<target>/, checks that each output holds what its platform needs, runs each
 * function once against the Stripe emulator, and prints a table.
 *
 * dist/deploy/<target>/ holds what `KB_TARGET=<target> npm run build` leaves in the project root for that platform,
 * with the same paths, so a deploy can start from there:
 *
 *   node        dist/ (client/, server/, security-headers.json)
 *   netlify     dist/ (the publish folder), .netlify/v1/ (the function and the framework config)
 *   vercel      .vercel/output/ (Build Output API: static/, functions/_render.func, config.json)
 *   cloudflare  dist/client (assets), dist/server (the Worker and its wrangler.json), .wrangler/deploy/config.json
 *
 * Some adapters write beside the project root whatever outDir says (.netlify/, .vercel/output/, .wrangler/deploy/):
 * those folders are moved into dist/deploy/<target>/ after each build, and anything that was there before is put
 * back. The default build in dist/ is never touched.
 *
 * The local runs: node serves the build with `npm start`'s own server (scripts/start.ts); Cloudflare runs its
 * Worker in workerd through `wrangler dev` (the official local runtime, from npm); Netlify's and Vercel's functions
 * have no local runtime here (their CLIs are not dependencies), so their bundled function is imported and called
 * in Node with a Web Request, as their Node runtimes call it. The serverless runs talk to one emulator
 * (`node scripts/emulator.ts`) on loopback through STRIPE_EMULATOR_URL, as a serverless deployment must; node
 * runs as `npm start` does with no settings, with its in-process emulator.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { findRedirects, parseRedirects } from '../src/integrations/redirects.ts';
import { deployTargets, type DeployTarget, type VercelRoute } from '../src/integrations/target.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'dist', 'deploy');
const ASTRO = path.join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
const WRANGLER = path.join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const BUILD_TIMEOUT_MS = 10 * 60_000;
const RUN_TIMEOUT_MS = 90_000;

/** Where each platform's pieces are, relative to dist/deploy/<target>/ (the same as to the project root). */
interface Layout {
  /** The folder the platform serves as static files. */
  staticDir: string;
  /** The function's folder. */
  functionDir: string;
  /** The function's entry, within functionDir. */
  functionEntry: string;
  /** Folders an adapter writes at the project root whatever outDir says, moved into the target's folder. */
  rootFolders: string[];
}

const layouts: Record<DeployTarget, Layout> = {
  node: { staticDir: 'dist/client', functionDir: 'dist/server', functionEntry: 'entry.mjs', rootFolders: [] },
  netlify: {
    staticDir: 'dist',
    functionDir: '.netlify/v1/functions/ssr',
    functionEntry: 'ssr.mjs',
    rootFolders: ['.netlify/v1', '.netlify/build'],
  },
  vercel: {
    staticDir: '.vercel/output/static',
    functionDir: '.vercel/output/functions/_render.func',
    functionEntry: '.vc-config.json',
    rootFolders: ['.vercel/output'],
  },
  cloudflare: { staticDir: 'dist/client', functionDir: 'dist/server', functionEntry: 'entry.mjs', rootFolders: ['.wrangler/deploy'] },
};

interface Check {
  ok: boolean;
  text: string;
}

interface Row {
  target: DeployTarget;
  buildSeconds: number | undefined;
  staticFiles: Check;
  functionBundle: Check;
  redirectsHeaders: Check;
  localRun: Check;
  notes: string[];
}

// ── arguments ────────────────────────────────────────────────────────────────────────────────────────────────────
const args = process.argv.slice(2);
const runFunctions = !args.includes('--no-run');
const named = args.filter((arg) => !arg.startsWith('--'));
for (const name of named) {
  if (!(deployTargets as readonly string[]).includes(name)) {
    console.error(`build:all: unknown target "${name}"; the targets are ${deployTargets.join(', ')}.`);
    process.exit(2);
  }
}
const targets = named.length ? (named as DeployTarget[]) : [...deployTargets];

// ── main ─────────────────────────────────────────────────────────────────────────────────────────────────────────
mkdirSync(OUT, { recursive: true });
const scratch = path.join(tmpdir(), `kb-build-all-${process.pid}`);
mkdirSync(scratch, { recursive: true });
const emulator = runFunctions ? await startEmulator() : undefined;
const rows: Row[] = [];
try {
  for (const target of targets) rows.push(await buildTarget(target));
} finally {
  if (emulator) await stop(emulator.child);
  rmSync(scratch, { recursive: true, force: true });
}
printTable(rows);
const failed = rows.filter((row) => ![row.staticFiles, row.functionBundle, row.redirectsHeaders, row.localRun].every((c) => c.ok));
if (failed.length) {
  console.error(`\nbuild:all: ${failed.map((row) => row.target).join(', ')} did not pass; see above and dist/deploy/<target>.log.`);
  process.exit(1);
}
console.log(`\nbuild:all: ${rows.length} target${rows.length === 1 ? '' : 's'} built and checked, in dist/deploy/.`);

// ── one target ───────────────────────────────────────────────────────────────────────────────────────────────────
async function buildTarget(target: DeployTarget): Promise<Row> {
  const layout = layouts[target];
  const dir = path.join(OUT, target);
  const logFile = path.join(OUT, `${target}.log`);
  const row: Row = {
    target,
    buildSeconds: undefined,
    staticFiles: { ok: false, text: 'not built' },
    functionBundle: { ok: false, text: 'not built' },
    redirectsHeaders: { ok: false, text: 'not built' },
    localRun: { ok: !runFunctions, text: runFunctions ? 'not run' : 'skipped (--no-run)' },
    notes: [],
  };
  console.log(`\n▶ ${target}: KB_TARGET=${target} astro build --outDir ${path.relative(ROOT, path.join(dir, 'dist'))}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  // Whatever the adapter is about to write at the project root is set aside first, and put back afterwards.
  const stashed = stash(layout.rootFolders);
  try {
    const started = Date.now();
    const build = spawnSync(process.execPath, [ASTRO, 'build', '--outDir', path.join(dir, 'dist')], {
      cwd: ROOT,
      env: { ...process.env, KB_TARGET: target, ASTRO_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: BUILD_TIMEOUT_MS,
    });
    row.buildSeconds = (Date.now() - started) / 1000;
    writeFileSync(logFile, `${build.stdout ?? ''}\n${build.stderr ?? ''}`);
    for (const folder of layout.rootFolders) moveInto(folder, dir);
    if (build.status !== 0) {
      const reason = build.error ? build.error.message : `exit ${build.status ?? build.signal}`;
      row.staticFiles = { ok: false, text: `build failed (${reason})` };
      console.error(`✖ ${target}: the build failed (${reason}); its output is in ${path.relative(ROOT, logFile)}:`);
      console.error(lastLines(`${build.stdout}\n${build.stderr}`, 25));
      return row;
    }
  } finally {
    unstash(stashed);
  }
  if (target === 'vercel') {
    // Vercel copies the client folder into .vercel/output/static; the outDir holds nothing else it needs.
    rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
  }
  if (target === 'cloudflare') repointWranglerRedirect(dir);
  console.log(`  built in ${row.buildSeconds.toFixed(1)} s; log: ${path.relative(ROOT, logFile)}`);

  const staticDir = path.join(dir, layout.staticDir);
  row.staticFiles = checkStatic(staticDir);
  row.functionBundle = checkFunction(target, dir, row.notes);
  row.redirectsHeaders = checkRedirectsAndHeaders(target, dir, staticDir);
  if (runFunctions && emulator) {
    try {
      row.localRun = await runLocally(target, dir, emulator.url, row.notes);
    } catch (error) {
      row.localRun = { ok: false, text: `failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  for (const [what, check] of Object.entries({
    static: row.staticFiles,
    function: row.functionBundle,
    'redirects/headers': row.redirectsHeaders,
    run: row.localRun,
  })) {
    console.log(`  ${check.ok ? '✔' : '✖'} ${what}: ${check.text}`);
  }
  return row;
}

// ── checks ───────────────────────────────────────────────────────────────────────────────────────────────────────
/** The home page, one article, the Pagefind runtime and index, counted. */
function checkStatic(staticDir: string): Check {
  if (!existsSync(staticDir)) return { ok: false, text: `no ${staticDir}` };
  const article = firstArticle();
  const needed = [
    'index.html',
    `${article}/index.html`,
    '404.html',
    'pagefind/pagefind.js',
    'pagefind/pagefind-entry.json',
    '_help/search.js',
  ];
  const missing = needed.filter((file) => !existsSync(path.join(staticDir, file)));
  const files = listFiles(staticDir);
  const pages = files.filter((file) => file.endsWith('index.html')).length;
  if (missing.length) return { ok: false, text: `missing ${missing.join(', ')}` };
  return { ok: true, text: `${files.length} files, ${pages} pages, pagefind ✓` };
}

/** The function exists where the platform looks for it; its size; for a Worker, no Node import. */
function checkFunction(target: DeployTarget, dir: string, notes: string[]): Check {
  const layout = layouts[target];
  const functionDir = path.join(dir, layout.functionDir);
  if (!existsSync(path.join(functionDir, layout.functionEntry)))
    return { ok: false, text: `no ${layout.functionDir}/${layout.functionEntry}` };
  const files = listFiles(functionDir).filter((file) => !file.endsWith('.map'));
  const bytes = files.reduce((sum, file) => sum + statSync(path.join(functionDir, file)).size, 0);
  let text = `${kb(bytes)} KB, ${files.length} files`;
  if (target === 'node') {
    text += ' + node_modules';
    notes.push('node: the server imports its dependencies from node_modules (npm ci --omit=dev next to it).');
  }
  if (target === 'cloudflare') {
    const modules = files.filter((file) => file.endsWith('.mjs') || file.endsWith('.js'));
    const gzip = modules.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(functionDir, file))).length, 0);
    text += `, ${kb(gzip)} KB gzip`;
    // A Worker without nodejs_compat can't import node:*; the Node-only modules must be the throwing stubs.
    const nodeImports = modules.filter((file) =>
      /\b(?:import|export)\b[^;'"]*?\bfrom\s*["']node:|\bimport\s*\(\s*["']node:|\bimport\s*["']node:/.test(
        readFileSync(path.join(functionDir, file), 'utf8'),
      ),
    );
    if (nodeImports.length) return { ok: false, text: `${text}; imports node:* in ${nodeImports.join(', ')}` };
    const config = JSON.parse(readFileSync(path.join(functionDir, 'wrangler.json'), 'utf8')) as {
      compatibility_flags?: string[];
      assets?: { directory?: string };
    };
    if (!existsSync(path.join(functionDir, config.assets?.directory ?? '', 'index.html'))) {
      return { ok: false, text: `${text}; wrangler.json's assets.directory does not hold the site` };
    }
    text += `, no node:* imports, flags [${(config.compatibility_flags ?? []).join(', ')}]`;
  }
  if (target === 'vercel') {
    const config = JSON.parse(readFileSync(path.join(functionDir, '.vc-config.json'), 'utf8')) as { runtime?: string; handler?: string };
    if (!config.handler || !existsSync(path.join(functionDir, config.handler)))
      return { ok: false, text: `${text}; .vc-config.json's handler is missing` };
    text += `, ${config.runtime}`;
  }
  return { ok: true, text };
}

/**
 * The redirect pages are the one source (as in src/integrations/redirects.ts): every one of them must be a real
 * redirect in the platform's own format, and the security headers (a CSP) must be there too.
 */
function checkRedirectsAndHeaders(target: DeployTarget, dir: string, staticDir: string): Check {
  const pages = findRedirects(staticDir);
  if (pages.length === 0) return { ok: false, text: 'the build made no redirect pages' };
  const problems: string[] = [];
  let summary: string;
  if (target === 'vercel') {
    const config = JSON.parse(readFileSync(path.join(dir, '.vercel/output/config.json'), 'utf8')) as { routes: VercelRoute[] };
    const filesystem = config.routes.findIndex((route) => route.handle === 'filesystem');
    const before = config.routes.slice(0, filesystem === -1 ? config.routes.length : filesystem);
    const redirects = before.filter((route) => route.status === 301 && route.headers?.Location);
    const csp = before.find((route) => route.continue && route.headers?.['Content-Security-Policy']);
    for (const { from, to } of pages) {
      const route = redirects.find((r) => new RegExp(r.src ?? '$^').test(from) && new RegExp(r.src ?? '$^').test(from.replace(/\/$/, '')));
      if (!route) problems.push(`${from} has no route`);
      else if (route.headers?.Location !== to) problems.push(`${from} → ${route.headers?.Location}, not ${to}`);
    }
    if (!csp) problems.push('no header route with a CSP');
    if (csp && config.routes.indexOf(csp) !== 0) problems.push('the header route is not first');
    for (const stray of ['_redirects', '_headers'])
      if (existsSync(path.join(staticDir, stray))) problems.push(`${stray} would be served as a file`);
    summary = `config.json: ${redirects.length} redirect routes before the filesystem, CSP route ${csp ? '✓' : '✗'}`;
  } else {
    const redirectsText = readIfExists(path.join(staticDir, '_redirects'));
    const headersText = readIfExists(path.join(staticDir, '_headers'));
    if (redirectsText === undefined) problems.push('no _redirects');
    if (headersText === undefined) problems.push('no _headers');
    const rules = (redirectsText ?? '').split('\n').filter((line) => line.trim() && !line.startsWith('#'));
    const status = target === 'netlify' ? '301!' : '301';
    const badLines = rules.filter((line) => line.trim().split(/\s+/)[2] !== status);
    if (badLines.length) problems.push(`${badLines.length} _redirects lines without status ${status}, e.g. "${badLines[0]}"`);
    const lookup = parseRedirects(redirectsText ?? '');
    for (const { from, to } of pages) {
      for (const variant of [from, from.replace(/\/$/, '')]) {
        if (lookup.get(variant) !== to) problems.push(`${variant} is not redirected to ${to}`);
      }
    }
    if (target === 'cloudflare' && rules.length > 2000)
      problems.push(`${rules.length} rules: Cloudflare takes 2,000 static redirects at most`);
    if (!/^\s+Content-Security-Policy: /m.test(headersText ?? '')) problems.push('_headers has no Content-Security-Policy');
    if (target === 'cloudflare' && !/^\/_astro\/\*\n\s+Cache-Control: .*immutable/m.test(headersText ?? ''))
      problems.push('_headers lost the /_astro/* cache rule');
    if (target === 'node' && !existsSync(path.join(dir, 'dist', 'security-headers.json')))
      problems.push('no security-headers.json for npm start');
    if (target === 'netlify' && existsSync(path.join(dir, 'security-headers.json')))
      problems.push('security-headers.json was written outside the build');
    summary = `_redirects: ${pages.length} redirects (${rules.length} rules, ${status}); _headers: CSP ${/Content-Security-Policy/.test(headersText ?? '') ? '✓' : '✗'}`;
  }
  return problems.length
    ? { ok: false, text: `${summary}; ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ''}` }
    : { ok: true, text: summary };
}

// ── local runs ───────────────────────────────────────────────────────────────────────────────────────────────────
interface DemoResult {
  status: number;
  body: string;
}

async function runLocally(target: DeployTarget, dir: string, emulatorUrl: string, notes: string[]): Promise<Check> {
  switch (target) {
    case 'node':
      return runServer(target, dir, emulatorUrl);
    case 'cloudflare':
      return runServer(target, dir, emulatorUrl);
    case 'netlify':
    case 'vercel': {
      notes.push(`${target}: no local ${target} runtime here; its bundled function was imported and called in Node with a Web Request.`);
      const result = await invokeFunction(target, dir, emulatorUrl);
      return demoCheck(
        result,
        `function called in Node (${target === 'netlify' ? 'ssr.mjs default(request, context)' : 'entry.mjs default.fetch(request)'})`,
      );
    }
  }
}

/** Node: the build served as `npm start` serves it. Cloudflare: `wrangler dev` on the built Worker, in workerd. */
async function runServer(target: 'node' | 'cloudflare', dir: string, emulatorUrl: string): Promise<Check> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, STRIPE_EMULATOR_URL: emulatorUrl, KB_DATA_DIR: path.join(scratch, `${target}-data`) };
  delete env.STRIPE_SECRET_KEY;
  let child: ChildProcess;
  let label: string;
  if (target === 'node') {
    // As `npm start` runs with no settings: the demo starts its own emulator in the server's process.
    delete env.STRIPE_EMULATOR_URL;
    label = 'npm start (scripts/start.ts), in-process emulator';
    child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.ts'), path.join(dir, 'dist')], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
  } else {
    label = 'wrangler dev (workerd)';
    const config = path.join(dir, 'dist/server/wrangler.json');
    child = spawn(
      process.execPath,
      [
        WRANGLER,
        'dev',
        '--config',
        config,
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
      ],
      {
        cwd: ROOT,
        env: {
          ...env,
          // Offline and quiet: no telemetry, no error reports, no fetch of the `Request.cf` placeholder.
          WRANGLER_SEND_METRICS: 'false',
          WRANGLER_SEND_ERROR_REPORTS: 'false',
          CLOUDFLARE_CF_FETCH_ENABLED: 'false',
          WRANGLER_LOG_PATH: path.join(scratch, 'wrangler-logs'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
  }
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const ready = await waitFor(
      async () => (await fetch(`${origin}/api/demo/status`, { signal: AbortSignal.timeout(2000) })).ok,
      RUN_TIMEOUT_MS,
      child,
    );
    if (!ready) return { ok: false, text: `${label} did not answer within ${RUN_TIMEOUT_MS / 1000} s: ${lastLines(output, 8)}` };
    const result = await demoRequests(origin);
    const check = demoCheck(result, label);
    if (!check.ok) return check;
    // What the platform serves itself: the home page with its headers, the search index, a redirect.
    const extras: string[] = [];
    const home = await fetch(`${origin}/`);
    if (!home.ok || !home.headers.get('content-security-policy'))
      extras.push(`/ → ${home.status}, CSP ${home.headers.get('content-security-policy') ? '✓' : '✗'}`);
    const search = await fetch(`${origin}/pagefind/pagefind.js`);
    if (!search.ok) extras.push(`/pagefind/pagefind.js → ${search.status}`);
    const [redirect] = findRedirects(path.join(dir, layouts[target].staticDir));
    if (redirect) {
      const response = await fetch(`${origin}${redirect.from}`, { redirect: 'manual' });
      if (response.status !== 301 || response.headers.get('location') !== redirect.to) {
        extras.push(`${redirect.from} → ${response.status} ${response.headers.get('location') ?? ''}`);
      }
    }
    return extras.length
      ? { ok: false, text: `${check.text}; ${extras.join('; ')}` }
      : { ok: true, text: `${check.text}; /, pagefind, 301, CSP ✓` };
  } finally {
    await stop(child);
  }
}

/** Netlify and Vercel: the bundled function, imported in a Node process of its own and called with a Request. */
async function invokeFunction(target: 'netlify' | 'vercel', dir: string, emulatorUrl: string): Promise<DemoResult> {
  const functionDir = path.join(dir, layouts[target].functionDir);
  const entry =
    target === 'netlify'
      ? path.join(functionDir, 'ssr.mjs')
      : path.join(
          functionDir,
          (JSON.parse(readFileSync(path.join(functionDir, '.vc-config.json'), 'utf8')) as { handler: string }).handler,
        );
  const script = `
    const mod = await import(${JSON.stringify(pathToFileURL(entry).href)});
    // The client's address comes as the platform gives it: Netlify's context.ip, Vercel's x-forwarded-for header.
    const call = ${
      target === 'netlify'
        ? '(request) => mod.default(request, { ip: "127.0.0.1" })'
        : '(request) => (request.headers.set("x-forwarded-for", "127.0.0.1"), mod.default.fetch(request))'
    };
    ${demoRequests.toString()}
    const result = await demoRequests('https://help.example', call);
    process.stdout.write(JSON.stringify(result));
    process.exit(0);
  `;
  const env: NodeJS.ProcessEnv = { ...process.env, STRIPE_EMULATOR_URL: emulatorUrl, KB_DATA_DIR: path.join(scratch, `${target}-data`) };
  delete env.STRIPE_SECRET_KEY;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: functionDir,
    env,
    encoding: 'utf8',
    timeout: RUN_TIMEOUT_MS,
  });
  if (child.status !== 0)
    throw new Error(`the function did not run (${child.error?.message ?? `exit ${child.status}`}): ${lastLines(child.stderr, 6)}`);
  return JSON.parse(child.stdout) as DemoResult;
}

/**
 * The demo's one real request: create a test payment (POST, same origin, as the page sends it), then read it back,
 * which on a serverless target only works because both reach the same emulator. Self-contained, as it is also
 * sent to a child process as text.
 */
async function demoRequests(
  origin: string,
  call: (request: Request) => Promise<Response> = (request) => fetch(request),
): Promise<DemoResult> {
  const create = await call(
    new Request(`${origin}/api/demo/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ amount: 2000 }),
    }),
  );
  const created = await create.text();
  if (create.status !== 201) return { status: create.status, body: created };
  const id = (JSON.parse(created) as { payment: { id: string } }).payment.id;
  const read = await call(new Request(`${origin}/api/demo/payments/${id}`));
  return { status: read.status, body: await read.text() };
}

function demoCheck(result: DemoResult, label: string): Check {
  const payment = result.status === 200 ? (JSON.parse(result.body) as { payment?: { id?: string; status?: string } }).payment : undefined;
  if (!payment?.id?.startsWith('pi_')) return { ok: false, text: `${label}: demo answered ${result.status} ${result.body.slice(0, 160)}` };
  return { ok: true, text: `${label}: POST /api/demo/payments 201, GET ${payment.id.slice(0, 8)}… 200 ${payment.status}` };
}

async function startEmulator(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/emulator.ts')], {
    cwd: ROOT,
    env: { ...process.env, EMULATOR_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start: ${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}): ${output}`)));
  });
  console.log(`Stripe emulator for the local runs: ${url}`);
  return { url, child };
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────────────────────
/** Stops a process this script started, with everything it started (its own process group). */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {}
  }, 5000);
  await exited;
  clearTimeout(timer);
}

async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await probe().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Stash {
  from: string;
  to: string;
}

function stash(folders: string[]): Stash[] {
  const stashed: Stash[] = [];
  for (const folder of folders) {
    const from = path.join(ROOT, folder);
    if (!existsSync(from)) continue;
    const to = path.join(OUT, '.stash', folder);
    rmSync(to, { recursive: true, force: true });
    mkdirSync(path.dirname(to), { recursive: true });
    renameSync(from, to);
    stashed.push({ from, to });
  }
  return stashed;
}

function unstash(stashed: Stash[]): void {
  for (const { from, to } of stashed) {
    rmSync(from, { recursive: true, force: true });
    mkdirSync(path.dirname(from), { recursive: true });
    renameSync(to, from);
  }
  rmSync(path.join(OUT, '.stash'), { recursive: true, force: true });
}

/** Moves `<root>/<folder>` to `<dir>/<folder>`, and removes the parent at the root if that left it empty. */
function moveInto(folder: string, dir: string): void {
  const from = path.join(ROOT, folder);
  if (!existsSync(from)) return;
  const to = path.join(dir, folder);
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch {
    cpSync(from, to, { recursive: true });
    rmSync(from, { recursive: true, force: true });
  }
  for (let parent = path.dirname(from); parent !== ROOT; parent = path.dirname(parent)) {
    if (readdirSync(parent).length) break;
    rmdirSync(parent);
  }
}

/** `.wrangler/deploy/config.json` names the Worker's config relative to itself; after the move, from its new place. */
function repointWranglerRedirect(dir: string): void {
  const file = path.join(dir, '.wrangler/deploy/config.json');
  if (!existsSync(file)) return;
  const redirect = JSON.parse(readFileSync(file, 'utf8')) as { configPath: string };
  redirect.configPath = path.relative(path.dirname(file), path.join(dir, 'dist/server/wrangler.json')).split(path.sep).join('/');
  writeFileSync(file, JSON.stringify(redirect));
}

function firstArticle(): string {
  const articles = path.join(ROOT, process.env.KB_CONTENT_DIR ?? 'content', 'articles');
  for (const category of readdirSync(articles).sort()) {
    const file = readdirSync(path.join(articles, category))
      .sort()
      .find((name) => /\.mdx?$/.test(name));
    if (file) return `${category}/${file.replace(/\.mdx?$/, '')}`;
  }
  throw new Error(`no article in ${articles}`);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => statSync(path.join(dir, file)).isFile());
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function kb(bytes: number): string {
  return (bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 });
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join('\n');
}

function printTable(rows: Row[]): void {
  const header = ['target', 'build', 'static files', 'function bundle', 'redirects / headers', 'local run'];
  const cells = rows.map((row) => [
    row.target,
    row.buildSeconds === undefined ? '—' : `${row.buildSeconds.toFixed(1)} s`,
    mark(row.staticFiles),
    mark(row.functionBundle),
    mark(row.redirectsHeaders),
    mark(row.localRun),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((cell) => cell[i]!.length)));
  const line = (cell: string[]) => `| ${cell.map((text, i) => text.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${cells.map(line).join('\n')}`);
  const notes = rows.flatMap((row) => row.notes);
  if (notes.length) console.log(`\n${notes.map((note) => `- ${note}`).join('\n')}`);
}

function mark(check: Check): string {
  return `${check.ok ? '✔' : '✖'} ${check.text}`;
}
