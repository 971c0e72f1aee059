/** What a search fetches only when it needs a correction or found nothing (see src/lib/search-data.ts). */
import type { APIRoute } from 'astro';
import { buildSearchFallback } from '../lib/search-data.ts';

export const GET: APIRoute = async () => Response.json(await buildSearchFallback());
