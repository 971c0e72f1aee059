/** An index of the help center for AI assistants (the llms.txt convention), linking each article's Markdown. */
import type { APIRoute } from 'astro';
import { categories } from '../lib/categories.ts';
import { categoryDescriptions, categoryLabels } from '../i18n/en.ts';
import { siteName } from '../lib/site.ts';
import { articleSlug, getLibrary } from '../lib/library.ts';

export const GET: APIRoute = async ({ site }) => {
  const { byCategory } = await getLibrary();
  const sections = categories.map((c) => {
    const lines = (byCategory.get(c) ?? []).map(
      (a) => `- [${a.data.title}](${new URL(`/${c}/${articleSlug(a)}.md`, site).href}): ${a.data.summary}`,
    );
    return `## ${categoryLabels[c]}\n\n${categoryDescriptions[c]}\n\n${lines.join('\n')}`;
  });
  const text = [
    `# ${siteName}`,
    '',
    '> Answers about Stripe refunds, fees, payment sources and accounts: steps, API examples, errors and worked numbers. An independent site, not affiliated with Stripe.',
    '',
    `Each article is also available as plain Markdown (the links below). Frequently asked questions: ${new URL('/faq/', site).href}`,
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
  return new Response(text, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
};
