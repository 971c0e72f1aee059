/** Feedback that reaches the support team (see src/server/feedback): stored without personal data. */
import type { APIRoute } from 'astro';
import { feedbackHandler } from '../../server/feedback/instance.ts';

export const prerender = false;

export const ALL: APIRoute = ({ request, clientAddress }) => feedbackHandler()(request, clientAddress);
