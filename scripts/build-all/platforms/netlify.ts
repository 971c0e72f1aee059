/** Netlify: the publish folder, `_redirects` (no page stands at a redirected address), and the function called in Node. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { callFunction } from '../call-function.ts';
import { bothChecks, demoCheck } from '../demo.ts';
import { feedbackRoundTrip } from '../feedback-round-trip.ts';
import { readRedirectFiles, verdict } from '../redirect-files.ts';
import { runEnv } from '../serve-check.ts';
import { isCheck, type Layout, type Platform } from '../types.ts';

const layout: Layout = {
  staticDir: 'dist',
  functionDir: '.netlify/v1/functions/ssr',
  functionEntry: 'ssr.mjs',
  rootFolders: ['.netlify/v1', '.netlify/build'],
};

export const netlify: Platform = {
  target: 'netlify',
  layout,
  checkFunction: (bundle) => ({ ok: true, text: bundle.text }),
  checkRedirectsAndHeaders(dir, staticDir) {
    const files = readRedirectFiles(staticDir);
    if (isCheck(files)) return files;
    if (existsSync(path.join(dir, 'security-headers.json')))
      files.problems.push('security-headers.json was written outside the build');
    return verdict(files.summary, files.problems);
  },
  async run(dir, { emulatorUrl, scratch }, notes) {
    notes.push(
      'netlify: no local netlify runtime here; its bundled function was imported and called in Node with a Web Request.',
    );
    const functionDir = path.join(dir, layout.functionDir);
    // The client's address comes as Netlify gives it: context.ip.
    const call = '(request) => mod.default(request, { ip: "127.0.0.1" })';
    const env = runEnv(emulatorUrl, path.join(scratch, 'netlify-data'));
    const entry = path.join(functionDir, 'ssr.mjs');
    const demo = demoCheck(
      callFunction(entry, call, functionDir, env),
      'function called in Node (ssr.mjs default(request, context))',
    );
    return bothChecks(demo, await feedbackRoundTrip(entry, call, functionDir, env));
  },
};
