/** What every platform's function check starts with: the entry where the platform looks for it, and its size. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { kb, listFiles } from './files.ts';
import type { Check, Layout } from './types.ts';

export interface Bundle {
  functionDir: string;
  /** The bundle's files (source maps left out), relative to functionDir. */
  files: string[];
  /** "<size> KB, <n> files", for the platform to add to. */
  text: string;
}

/** The bundle, or the failed check when the entry is not where the platform looks for it. */
export function readBundle(dir: string, layout: Layout): Bundle | Check {
  const functionDir = path.join(dir, layout.functionDir);
  if (!existsSync(path.join(functionDir, layout.functionEntry)))
    return { ok: false, text: `no ${layout.functionDir}/${layout.functionEntry}` };
  const files = listFiles(functionDir).filter((file) => !file.endsWith('.map'));
  const bytes = files.reduce((sum, file) => sum + statSync(path.join(functionDir, file)).size, 0);
  return { functionDir, files, text: `${kb(bytes)} KB, ${files.length} files` };
}
