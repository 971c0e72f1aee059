/** Every FAQ question, fetched by a search only when it found nothing (see src/lib/search-data.ts). */
import type { APIRoute } from 'astro';
import { buildFaqQuestions } from '../lib/search-data.ts';

export const GET: APIRoute = async () => Response.json(await buildFaqQuestions());
