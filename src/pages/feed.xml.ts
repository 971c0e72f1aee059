/** An RSS feed of the articles, most recently updated first, for agents and readers who follow changes. */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { articlePath, getLibrary } from '../lib/library.ts';
import * as t from '../i18n/en.ts';
import { format } from '../i18n/format.ts';
import { siteName } from '../lib/site.ts';

export const GET: APIRoute = async ({ site }) => {
  const { articles } = await getLibrary();
  const newest = [...articles].sort(
    (a, b) => b.data.updated.getTime() - a.data.updated.getTime() || a.data.id - b.data.id,
  );
  return rss({
    title: format(t.feedTitle, { site: siteName }),
    description: t.feedDescription,
    site: site!,
    items: newest.slice(0, 50).map((a) => ({
      title: a.data.title,
      description: a.data.summary,
      link: articlePath(a),
      pubDate: a.data.updated,
      categories: [a.data.category],
    })),
  });
};
