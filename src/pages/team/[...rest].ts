/**
 * Every other address under /team/ is the site's 404, with the team's headers (never cached, never indexed),
 * whether or not REPORT_TOKEN is set: only /team/report/ exists, and only with the token.
 */
import type { APIRoute } from 'astro';
import { teamHeaders } from '../../server/team/access.ts';

export const prerender = false;

// No body: Astro answers with the site's own 404 page, keeping these headers.
export const ALL: APIRoute = () => new Response(null, { status: 404, headers: teamHeaders });
