/** Each article as plain Markdown beside its page: /refunds/partial-refunds/ → /refunds/partial-refunds.md */
import type { APIRoute, GetStaticPaths } from 'astro';
import { articleMarkdown } from '../../lib/markdown/article-markdown.ts';
import { articlePath, articleSlug, getLibrary, type Article } from '../../lib/library.ts';

export const getStaticPaths = (async () => {
  const { articles } = await getLibrary();
  return articles.map((article) => ({
    params: { category: article.data.category, slug: articleSlug(article) },
    props: { article },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ article: Article }> = ({ props: { article }, site }) => {
  const { title, summary, id, sources } = article.data;
  const text = articleMarkdown({
    title,
    summary,
    number: id,
    url: new URL(articlePath(article), site).href,
    body: article.body ?? '',
    sources,
  });
  return new Response(text, { headers: { 'content-type': 'text/markdown; charset=utf-8' } });
};
