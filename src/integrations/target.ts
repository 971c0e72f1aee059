/**
 * Where the site is deployed: `KB_TARGET=node|netlify|vercel|cloudflare` (default `node`) picks the official Astro
 * adapter and the few settings that go with it (`targetConfig`). The same pages, Pagefind index, redirects and
 * security headers are built for every target; the integrations write the redirects and headers in the target's
 * own format (`_redirects`/`_headers` in the static folder for node, Netlify and Cloudflare; routes in
 * `.vercel/output/config.json` for Vercel). The on-demand routes run the same `Request → Response` handlers
 * everywhere; the target reaches them as `import.meta.env.KB_TARGET` (see src/server/target.ts).
 *
 * Where each adapter puts its output (relative to the project root, with the default outDir `dist`):
 *
 *   node        dist/client (static), dist/server/entry.mjs (the server), dist/security-headers.json
 *   netlify     dist (static, the publish folder), .netlify/v1/functions/ssr (the function), .netlify/v1/config.json
 *   vercel      .vercel/output: static/ (copied from dist/client), functions/_render.func, config.json (routes)
 *   cloudflare  dist/client (static assets), dist/server (the Worker, with wrangler.json), .wrangler/deploy/config.json
 */
import type { AstroIntegration, AstroIntegrationLogger, AstroUserConfig } from 'astro';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const deployTargets = ['node', 'netlify', 'vercel', 'cloudflare'] as const;
export type DeployTarget = (typeof deployTargets)[number];

/** The target named by KB_TARGET; `node` when it is unset or empty. */
export function deployTarget(env: Readonly<Record<string, string | undefined>> = process.env): DeployTarget {
  const raw = env.KB_TARGET?.trim() || 'node';
  if (!(deployTargets as readonly string[]).includes(raw)) {
    throw new Error(`KB_TARGET must be one of ${deployTargets.join(', ')}, not "${raw}".`);
  }
  return raw as DeployTarget;
}

/** The official adapter of `target`, imported only when chosen, so a node build never loads the others. */
export async function targetAdapter(target: DeployTarget): Promise<AstroIntegration> {
  switch (target) {
    case 'node':
      return (await import('@astrojs/node')).default({ mode: 'standalone' });
    case 'netlify':
      return (await import('@astrojs/netlify')).default();
    case 'vercel':
      return (await import('@astrojs/vercel')).default();
    case 'cloudflare':
      return (await import('@astrojs/cloudflare')).default({
        // Pages are rendered at build time in Node, as on every other target; only the on-demand routes run in
        // the Worker.
        prerenderEnvironment: 'node',
        // The site has no images to transform; without this the Worker would need a Cloudflare Images binding.
        imageService: 'passthrough',
      });
  }
}

/**
 * Modules that need Node and must never reach a Worker bundle: the in-process Stripe emulator (it listens with
 * node:http), the SQLite feedback store (node:sqlite, node:fs), and the Postgres store and limiter (their driver uses
 * node:net). The code that loads them checks the target first and imports them lazily; on Cloudflare they are also
 * replaced with a module that throws on load, so even a mistaken import fails clearly at run time instead of
 * breaking the Worker's build or start.
 */
const nodeOnlyModules = [
  /\/src\/emulator\/index\.ts$/,
  /\/src\/server\/feedback\/sqlite-store\.ts$/,
  /\/src\/server\/feedback\/postgres-store\.ts$/,
  /\/src\/server\/http\/postgres-rate-limit\.ts$/,
];
const nodeOnlyStub = '\0kb-node-only:';

function nodeOnlyStubs(target: DeployTarget) {
  return {
    name: 'help-center:node-only-modules',
    enforce: 'pre' as const,
    async resolveId(
      this: { resolve(id: string, importer?: string, options?: object): Promise<{ id: string } | null> },
      id: string,
      importer?: string,
    ) {
      if (!importer || !/(emulator|sqlite-store|postgres-store|postgres-rate-limit)/.test(id)) return null;
      const resolved = await this.resolve(id, importer, { skipSelf: true });
      return resolved && nodeOnlyModules.some((pattern) => pattern.test(resolved.id))
        ? nodeOnlyStub + resolved.id
        : null;
    },
    load(id: string) {
      if (!id.startsWith(nodeOnlyStub)) return null;
      const name = id.slice(nodeOnlyStub.length).replace(/^.*\/src\//, 'src/');
      return `throw new Error(${JSON.stringify(`${name} needs Node and is not part of the ${target} build.`)});`;
    },
  };
}

/** Only these keys, so spreading them into defineConfig keeps its inference of the rest. */
export interface TargetConfig {
  adapter: AstroIntegration;
  vite: NonNullable<AstroUserConfig['vite']>;
  session?: false;
  image?: AstroUserConfig['image'];
}

/**
 * The part of the Astro config that depends on the target: the adapter; the target as a build-time constant
 * (`import.meta.env.KB_TARGET`) and, on Cloudflare, the Node-only stubs; and for serverless targets no sessions
 * (the site keeps none, and a serverless adapter would otherwise ask for a store: Netlify Blobs, Cloudflare KV)
 * and no image service (the site has no images to transform; Vercel would otherwise ship sharp, about 20 MB, in
 * its function). For node, only the adapter and the constant: its build is as it was.
 */
export async function targetConfig(target: DeployTarget): Promise<TargetConfig> {
  const vite: NonNullable<AstroUserConfig['vite']> = {
    define: { 'import.meta.env.KB_TARGET': JSON.stringify(target) },
    plugins: target === 'cloudflare' ? [nodeOnlyStubs(target)] : [],
  };
  const adapter = await targetAdapter(target);
  if (target === 'node') return { adapter, vite };
  const { passthroughImageService } = await import('astro/config');
  return { adapter, vite, session: false, image: { service: passthroughImageService() } };
}

/** A route of Vercel's Build Output API (`.vercel/output/config.json`, version 3). */
export interface VercelRoute {
  src?: string;
  dest?: string;
  status?: number;
  headers?: Record<string, string>;
  continue?: boolean;
  handle?: string;
}

/**
 * Puts `routes` in front of the routes the Vercel adapter wrote, so they run before Vercel looks at the static
 * files (a redirect page is a file too) and before the function. Header routes (`continue: true`) go first, so
 * their headers reach every response, the redirects' too; the others go after the leading header routes. Runs
 * after the adapter's own `astro:build:done` (Astro runs the adapter's hooks first) and before it copies the
 * client folder into `.vercel/output/static`.
 */
export function prependVercelRoutes(root: URL, routes: readonly VercelRoute[]): void {
  const file = fileURLToPath(new URL('.vercel/output/config.json', root));
  const config = JSON.parse(readFileSync(file, 'utf8')) as { routes?: VercelRoute[] };
  const existing = config.routes ?? [];
  const leading = existing.findIndex((route) => !route.continue);
  const split = leading === -1 ? existing.length : leading;
  config.routes = [
    ...routes.filter((route) => route.continue),
    ...existing.slice(0, split),
    ...routes.filter((route) => !route.continue),
    ...existing.slice(split),
  ];
  writeFileSync(file, JSON.stringify(config, null, 2));
}

/** What an `afterBuild` step is given. */
export interface BuildOutput {
  /** The folder the build wrote the static pages to. */
  root: string;
  /** The project root, under which the Vercel adapter writes `.vercel/output/config.json`. */
  projectRoot: URL;
  logger: AstroIntegrationLogger;
}

/**
 * An integration that runs `step` once the build is done. It keeps the project root from the config, as
 * `astro:build:done` does not pass it and the Vercel routes (`prependVercelRoutes`) need it.
 */
export function afterBuild(name: string, step: (output: BuildOutput) => void): AstroIntegration {
  let projectRoot: URL;
  return {
    name,
    hooks: {
      'astro:config:done': ({ config }) => {
        projectRoot = config.root;
      },
      'astro:build:done': ({ dir, logger }) => step({ root: fileURLToPath(dir), projectRoot, logger }),
    },
  };
}

/** A path as an anchored Vercel route pattern (PCRE), matching it with and without its trailing slash. */
export function vercelPathPattern(path: string): string {
  const bare = path.replace(/\/$/, '');
  return `^${bare.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?$`;
}
