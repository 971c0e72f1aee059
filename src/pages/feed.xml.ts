/** An RSS feed of the articles, most recently updated first, for agents and readers who follow changes. */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { articlePath, getLibrary } from '../lib/library.ts';

export const GET: APIRoute = async ({ site }) => {
  const { articles } = await getLibrary();
  const newest = [...articles].sort((a, b) => b.data.updated.getTime() - a.data.updated.getTime() || a.data.id - b.data.id);
  return rss({
    title: 'Payments Help Center: updated articles',
    description: 'Articles about Stripe refunds, fees, cards and accounts, newest changes first.',
    site: site!,
    items: newest.slice(0, 50).map((a) => ({ title: a.data.title, description: a.data.summary, link: articlePath(a), pubDate: a.data.updated, categories: [a.data.category] })),
  });
};
