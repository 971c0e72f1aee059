/** Vercel: the Build Output API, with redirects and headers as routes in config.json; the function called in Node. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readRedirectList } from '../../../src/integrations/redirects.ts';
import type { VercelRoute } from '../../../src/integrations/target.ts';
import { callFunction } from '../call-function.ts';
import { bothChecks, demoCheck } from '../demo.ts';
import { feedbackRoundTrip } from '../feedback-round-trip.ts';
import { readJson } from '../files.ts';
import { verdict } from '../redirect-files.ts';
import { runEnv } from '../serve-check.ts';
import type { Layout, Platform } from '../types.ts';

const layout: Layout = {
  staticDir: '.vercel/output/static',
  functionDir: '.vercel/output/functions/_render.func',
  functionEntry: '.vc-config.json',
  rootFolders: ['.vercel/output'],
};

interface VcConfig {
  runtime?: string;
  handler?: string;
}

export const vercel: Platform = {
  target: 'vercel',
  layout,
  checkFunction(bundle) {
    const config = readJson<VcConfig>(path.join(bundle.functionDir, '.vc-config.json'));
    if (!config.handler || !existsSync(path.join(bundle.functionDir, config.handler)))
      return { ok: false, text: `${bundle.text}; .vc-config.json's handler is missing` };
    return { ok: true, text: `${bundle.text}, ${config.runtime}` };
  },
  checkRedirectsAndHeaders(dir, staticDir) {
    const pages = readRedirectList(staticDir);
    if (pages.length === 0) return { ok: false, text: 'the build listed no redirects' };
    const problems: string[] = [];
    const { routes } = readJson<{ routes: VercelRoute[] }>(path.join(dir, '.vercel/output/config.json'));
    // Only the routes before the filesystem handle come before the static files.
    const filesystem = routes.findIndex((route) => route.handle === 'filesystem');
    const before = routes.slice(0, filesystem === -1 ? routes.length : filesystem);
    const redirects = before.filter((route) => route.status === 301 && route.headers?.Location);
    const csp = before.find((route) => route.continue && route.headers?.['Content-Security-Policy']);
    for (const { from, to } of pages) {
      const matches = (route: VercelRoute) => {
        const source = new RegExp(route.src ?? '$^');
        return source.test(from) && source.test(from.replace(/\/$/, ''));
      };
      const route = redirects.find(matches);
      if (!route) problems.push(`${from} has no route`);
      else if (route.headers?.Location !== to) problems.push(`${from} → ${route.headers?.Location}, not ${to}`);
    }
    if (!csp) problems.push('no header route with a CSP');
    if (csp && routes.indexOf(csp) !== 0) problems.push('the header route is not first');
    for (const stray of ['_redirects', '_headers'])
      if (existsSync(path.join(staticDir, stray))) problems.push(`${stray} would be served as a file`);
    const summary = `config.json: ${redirects.length} redirect routes before the filesystem, CSP route ${csp ? '✓' : '✗'}`;
    return verdict(summary, problems);
  },
  async run(dir, { emulatorUrl, scratch }, notes) {
    notes.push(
      'vercel: no local vercel runtime here; its bundled function was imported and called in Node with a Web Request.',
    );
    const functionDir = path.join(dir, layout.functionDir);
    const { handler } = readJson<Required<VcConfig>>(path.join(functionDir, '.vc-config.json'));
    // The client's address comes as Vercel gives it: the x-forwarded-for header.
    const call = '(request) => (request.headers.set("x-forwarded-for", "127.0.0.1"), mod.default.fetch(request))';
    const env = runEnv(emulatorUrl, path.join(scratch, 'vercel-data'));
    const entry = path.join(functionDir, handler);
    const demo = demoCheck(
      callFunction(entry, call, functionDir, env),
      'function called in Node (entry.mjs default.fetch(request))',
    );
    return bothChecks(demo, await feedbackRoundTrip(entry, call, functionDir, env));
  },
};
