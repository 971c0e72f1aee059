/**
 * A module resolve hook (registered by register-hooks.ts) that hands a sample the shim in place of the `stripe`
 * package. Only the sample's own import is redirected: the shim itself imports the real package.
 */
import type { ResolveHook } from 'node:module';

const shim = new URL('./stripe-shim.ts', import.meta.url).href;

export const resolve: ResolveHook = (specifier, context, nextResolve) => {
  if (specifier === 'stripe' && context.parentURL !== shim) return { url: shim, shortCircuit: true };
  return nextResolve(specifier, context);
};
