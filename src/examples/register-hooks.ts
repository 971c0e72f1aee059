/** Loaded with `node --import` before a Node sample, so its `import Stripe from 'stripe'` gets the shim. */
import { register } from 'node:module';

register('./resolve-stripe.ts', import.meta.url);
