/** The site's redirects as data (see src/lib/redirects.ts); the build turns them into each platform's own rules. */
import type { APIRoute } from 'astro';
import { getLibrary } from '../lib/library.ts';
import { siteRedirects } from '../lib/redirects.ts';

export const GET: APIRoute = async () => Response.json(siteRedirects(await getLibrary()));
