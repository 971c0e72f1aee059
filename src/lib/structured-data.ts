/** schema.org descriptions of pages, so search engines can show articles, breadcrumbs and FAQ answers richly. */
import { plainText } from './markdown/plain-text.ts';
import type { Article, FaqEntry } from './library.ts';
import { siteName } from './site.ts';

const publisher = { '@type': 'Organization', name: siteName };

export function articleData(article: Article, url: URL): Record<string, unknown> {
  return {
    '@type': 'TechArticle',
    headline: article.data.title,
    description: article.data.summary,
    dateModified: article.data.updated.toISOString(),
    url: url.href,
    identifier: String(article.data.id),
    keywords: article.data.keywords.join(', '),
    publisher,
  };
}

export function breadcrumbData(
  crumbs: { label: string; href?: string }[],
  site: URL | undefined,
): Record<string, unknown> {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: crumb.label,
      ...(crumb.href && { item: new URL(crumb.href, site).href }),
    })),
  };
}

export function faqData(entries: FaqEntry[]): Record<string, unknown> {
  return {
    '@type': 'FAQPage',
    mainEntity: entries.map((entry) => ({
      '@type': 'Question',
      name: entry.data.question,
      acceptedAnswer: { '@type': 'Answer', text: plainText(entry.body ?? '') },
    })),
  };
}
