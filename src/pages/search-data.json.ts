/** What every search fetches besides the index: synonyms and pinned queries (see src/lib/search-data.ts). */
import type { APIRoute } from 'astro';
import { buildSearchData } from '../lib/search-data.ts';

export const GET: APIRoute = async () => Response.json(await buildSearchData());
