/** Every deployment target's platform module, by target. */
import type { DeployTarget } from '../../../src/integrations/target.ts';
import type { Platform } from '../types.ts';
import { cloudflare } from './cloudflare.ts';
import { netlify } from './netlify.ts';
import { node } from './node.ts';
import { vercel } from './vercel.ts';

export const platforms: Record<DeployTarget, Platform> = { node, netlify, vercel, cloudflare };
