/**
 * The team's headers (never cached, never indexed, no referrer to other sites) on every response under /team/,
 * whoever made it: the report page in each of its states, and the 404 page Astro renders for an unknown or closed
 * address. Other addresses pass through untouched. (Astro's refusal of a cross-site form comes from its own
 * middleware, which runs before this one: a fixed sentence in answer to a POST, which nothing caches.)
 */
import { defineMiddleware } from 'astro:middleware';
import { teamHeaders, teamPath } from './server/team/access.ts';

export const onRequest = defineMiddleware(async ({ url }, next) => {
  const response = await next();
  if (!url.pathname.startsWith(teamPath)) return response;
  for (const [name, value] of Object.entries(teamHeaders)) response.headers.set(name, value);
  return response;
});
