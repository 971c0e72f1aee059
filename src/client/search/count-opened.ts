/**
 * Tells the team which result a search led to: the words searched and the page opened, nothing about who. Sent
 * with `keepalive`, so the request outlives the navigation it comes just before and never holds it up; a failure
 * is ignored, as the count is only a count.
 */
export function countOpened(query: string, href: string): void {
  const url = new URL(href, location.href);
  if (url.origin !== location.origin || !query.trim()) return;
  void fetch('/api/search-clicks', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: query.trim(), page: url.pathname + url.hash }),
    keepalive: true,
  }).catch(() => {});
}
