/** Which search result a reader opened, for the team's report (see src/server/feedback): query words and page only. */
import type { APIRoute } from 'astro';
import { feedbackHandler } from '../../server/feedback/instance.ts';

export const prerender = false;

export const ALL: APIRoute = ({ request, clientAddress }) => feedbackHandler()(request, clientAddress);
