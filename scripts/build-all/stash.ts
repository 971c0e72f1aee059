/**
 * Some adapters write beside the project root whatever outDir says (.netlify/, .vercel/output/, .wrangler/deploy/):
 * what is there before a build is set aside, the build's folders are moved into dist/deploy/<target>/, and the
 * folders set aside are put back, so the project root ends as it started.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { OUT, ROOT } from './paths.ts';

export interface Stash {
  from: string;
  to: string;
}

export function stash(folders: string[]): Stash[] {
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

export function unstash(stashed: Stash[]): void {
  for (const { from, to } of stashed) {
    rmSync(from, { recursive: true, force: true });
    mkdirSync(path.dirname(from), { recursive: true });
    renameSync(to, from);
  }
  rmSync(path.join(OUT, '.stash'), { recursive: true, force: true });
}

/** Moves `<root>/<folder>` to `<dir>/<folder>`, and removes the parent at the root if that left it empty. */
export function moveInto(folder: string, dir: string): void {
  const from = path.join(ROOT, folder);
  if (!existsSync(from)) return;
  const to = path.join(dir, folder);
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch {
    // Another file system (a rename can't cross one): copy, then remove.
    cpSync(from, to, { recursive: true });
    rmSync(from, { recursive: true, force: true });
  }
  for (let parent = path.dirname(from); parent !== ROOT; parent = path.dirname(parent)) {
    if (readdirSync(parent).length) break;
    rmdirSync(parent);
  }
}
