/** The refund demo's function: every `/api/demo/*` request goes to the platform-neutral handler in src/server. */
import type { APIRoute } from 'astro';
import { demoHandler } from '../../../server/demo/instance.ts';

export const prerender = false;

export const ALL: APIRoute = ({ request, clientAddress }) => demoHandler()(request, clientAddress);
