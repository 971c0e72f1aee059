/** What a platform module provides, and what each check reports. */
import type { DeployTarget } from '../../src/integrations/target.ts';
import type { Bundle } from './function-check.ts';

/** One cell of the table: passed or not, and what was found. */
export interface Check {
  ok: boolean;
  text: string;
}

/** Where a platform's pieces are, relative to dist/deploy/<target>/ (the same as to the project root). */
export interface Layout {
  /** The folder the platform serves as static files. */
  staticDir: string;
  /** The function's folder. */
  functionDir: string;
  /** The function's entry, within functionDir. */
  functionEntry: string;
  /** Folders an adapter writes at the project root whatever outDir says, moved into the target's folder. */
  rootFolders: string[];
}

/** What a local run gets: the Stripe emulator every serverless function talks to, and a folder for scratch files. */
export interface RunContext {
  emulatorUrl: string;
  scratch: string;
}

/** One deployment target: its layout and the checks only it needs. */
export interface Platform {
  target: DeployTarget;
  layout: Layout;
  /** What this platform requires of its function, once the build check found it where the platform looks. */
  checkFunction(bundle: Bundle, notes: string[]): Check;
  /** Every redirect page is a redirect in the platform's own format, and the security headers are there. */
  checkRedirectsAndHeaders(dir: string, staticDir: string): Check;
  /** The function, run once against the emulator. */
  run(dir: string, context: RunContext, notes: string[]): Promise<Check>;
}

export interface Row {
  target: DeployTarget;
  buildSeconds: number | undefined;
  staticFiles: Check;
  functionBundle: Check;
  redirectsHeaders: Check;
  localRun: Check;
  notes: string[];
}

/** Whether a reader gave up with a failed check instead of what it reads. */
export function isCheck<T extends object>(value: T | Check): value is Check {
  return 'ok' in value;
}
