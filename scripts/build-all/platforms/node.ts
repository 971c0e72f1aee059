/** node: the build served as `npm start` serves it, with its dependencies from node_modules. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.ts';
import { freePort } from '../processes.ts';
import { readRedirectFiles, verdict } from '../redirect-files.ts';
import { runEnv, serveAndCheck } from '../serve-check.ts';
import { isCheck, type Layout, type Platform } from '../types.ts';

const layout: Layout = {
  staticDir: 'dist/client',
  functionDir: 'dist/server',
  functionEntry: 'entry.mjs',
  rootFolders: [],
};

export const node: Platform = {
  target: 'node',
  layout,
  checkFunction(bundle, notes) {
    notes.push('node: the server imports its dependencies from node_modules (npm ci --omit=dev next to it).');
    return { ok: true, text: `${bundle.text} + node_modules` };
  },
  checkRedirectsAndHeaders(dir, staticDir) {
    const files = readRedirectFiles(staticDir);
    if (isCheck(files)) return files;
    if (!existsSync(path.join(dir, 'dist', 'security-headers.json')))
      files.problems.push('no security-headers.json for npm start');
    return verdict(files.summary, files.problems);
  },
  async run(dir, { emulatorUrl, scratch }) {
    const port = await freePort();
    const env = runEnv(emulatorUrl, path.join(scratch, 'node-data'));
    // As `npm start` runs with no settings: the demo starts its own emulator in the server's process.
    delete env.STRIPE_EMULATOR_URL;
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.ts'), path.join(dir, 'dist')], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const label = 'npm start (scripts/start.ts), in-process emulator';
    return serveAndCheck(child, `http://127.0.0.1:${port}`, label, path.join(dir, layout.staticDir));
  },
};
