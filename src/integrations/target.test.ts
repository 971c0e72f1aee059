import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parseRedirects, redirectsFile, vercelRedirectRoutes } from './redirects.ts';
import { deployTarget, prependVercelRoutes, vercelPathPattern, type VercelRoute } from './target.ts';
import { deployTarget as runtimeTarget, isServerless, isWorker } from '../server/target.ts';

describe('KB_TARGET', () => {
  it('is node when unset or empty, and any of the four targets when named', () => {
    assert.equal(deployTarget({}), 'node');
    assert.equal(deployTarget({ KB_TARGET: '' }), 'node');
    for (const target of ['node', 'netlify', 'vercel', 'cloudflare'])
      assert.equal(deployTarget({ KB_TARGET: target }), target);
  });

  it('refuses anything else, listing the targets', () => {
    assert.throws(
      () => deployTarget({ KB_TARGET: 'pages' }),
      /KB_TARGET must be one of node, netlify, vercel, cloudflare, not "pages"/,
    );
  });

  it('is node at run time outside a build, as in these tests', () => {
    assert.deepEqual([runtimeTarget, isServerless, isWorker], ['node', false, false]);
  });
});

describe('redirects in each platform’s format', () => {
  const redirects = [{ from: '/a/1001/', to: '/refunds/how-refunds-work/' }];

  it('_redirects: a 301 for each address, with and without its trailing slash, which npm start reads back', () => {
    const file = redirectsFile(redirects);
    assert.equal(file, '/a/1001/ /refunds/how-refunds-work/ 301\n/a/1001 /refunds/how-refunds-work/ 301\n');
    assert.equal(parseRedirects(file).get('/a/1001'), '/refunds/how-refunds-work/');
  });

  it('Vercel: one 301 route per redirect, matching the path with and without its slash, and nothing else', () => {
    const [route] = vercelRedirectRoutes(redirects);
    assert.equal(route?.status, 301);
    assert.equal(route?.headers?.Location, '/refunds/how-refunds-work/');
    const pattern = new RegExp(route?.src ?? '');
    for (const matched of ['/a/1001/', '/a/1001']) assert.ok(pattern.test(matched), matched);
    for (const other of ['/a/10011/', '/a/1001/x', '/b/a/1001/']) assert.ok(!pattern.test(other), other);
    assert.ok(
      new RegExp(vercelPathPattern('/faq/why?.+(x)/')).test('/faq/why?.+(x)'),
      'special characters are escaped',
    );
  });
});

describe('prependVercelRoutes', () => {
  it('puts header routes first and the others after the leading header routes, before the filesystem', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kb-vercel-'));
    try {
      mkdirSync(path.join(root, '.vercel/output'), { recursive: true });
      const file = path.join(root, '.vercel/output/config.json');
      const adapter: VercelRoute[] = [
        { src: '^/_astro/(.*)$', headers: { 'cache-control': 'immutable' }, continue: true },
        { handle: 'filesystem' },
        { src: '^/api/demo(?:/(.*?))?/?$', dest: '_render' },
      ];
      writeFileSync(file, JSON.stringify({ version: 3, routes: adapter }));
      const url = pathToFileURL(`${root}/`);
      prependVercelRoutes(url, [{ src: '^/(.*)$', headers: { 'X-Frame-Options': 'DENY' }, continue: true }]);
      prependVercelRoutes(url, [{ src: '^/a/1/?$', status: 301, headers: { Location: '/x/' } }]);
      const { version, routes } = JSON.parse(readFileSync(file, 'utf8')) as { version: number; routes: VercelRoute[] };
      assert.equal(version, 3);
      assert.deepEqual(
        routes.map((route) => route.src ?? route.handle),
        ['^/(.*)$', '^/_astro/(.*)$', '^/a/1/?$', 'filesystem', '^/api/demo(?:/(.*?))?/?$'],
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
