/** The site's words, fetched by a search only when it has a word to correct (see src/lib/search-data.ts). */
import type { APIRoute } from 'astro';
import { buildVocabulary } from '../lib/search-data.ts';

export const GET: APIRoute = async () => Response.json(await buildVocabulary());
