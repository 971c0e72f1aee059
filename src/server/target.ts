/**
 * Where this build runs, known at run time: astro.config.mjs defines `import.meta.env.KB_TARGET` from KB_TARGET
 * (see src/integrations/target.ts). Outside a Vite build (unit tests, scripts run by Node) there is no
 * `import.meta.env`, and the target is `node`, the default.
 *
 *   node                          a long-running Node server with a disk: SQLite feedback, the in-process emulator
 *   netlify, vercel, cloudflare   serverless: instances come and go, each with its own memory and no lasting disk
 */
import type { DeployTarget } from '../integrations/target.ts';

export type { DeployTarget };

export const deployTarget: DeployTarget = definedTarget() ?? 'node';

function definedTarget(): DeployTarget | undefined {
  try {
    // The build replaces this expression with a string. Only this exact form: Astro inlines the private environment
    // variables a module names anywhere in its text when it reads `import.meta.env` as a whole.
    return import.meta.env.KB_TARGET as DeployTarget | undefined;
  } catch {
    // Plain Node has no import.meta.env.
    return undefined;
  }
}

/** No lasting disk, and what one instance keeps in memory (rate limits, a memory store) is its own. */
export const isServerless: boolean = deployTarget !== 'node';

/** Workers run no Node: no node:http (so no in-process emulator), and the Stripe SDK talks through fetch. */
export const isWorker: boolean = deployTarget === 'cloudflare';
