/**
 * Every address the site answers with a redirect, from the library itself: agents' short links (`/a/1004/`), an
 * article's former addresses (`aliases`) and the page addresses of FAQ questions merged into others. Each target
 * serves them as real 301s from the list the build writes (`/redirects.json`, turned into `_redirects` or Vercel
 * routes by src/integrations/redirects.ts), so no address needs a page of its own.
 */
import { articlePath, faqAnchor, type Library } from './library.ts';

export interface Redirect {
  /** A path on the site with its trailing slash, like "/a/1004/". */
  from: string;
  /** Where the reader is sent: the current address. */
  to: string;
}

export function siteRedirects({ articles, faq }: Pick<Library, 'articles' | 'faq'>): Redirect[] {
  const redirects = [
    ...articles.map((article) => ({ from: `/a/${article.data.id}/`, to: articlePath(article) })),
    ...articles.flatMap((article) =>
      article.data.aliases.map((alias) => ({ from: `/${alias}/`, to: articlePath(article) })),
    ),
    ...faq.flatMap((entry) =>
      entry.data.aliases.map((alias) => ({ from: `/faq/${alias}/`, to: `/faq/${faqAnchor(entry)}/` })),
    ),
  ];
  return redirects.sort((a, b) => a.from.localeCompare(b.from));
}
