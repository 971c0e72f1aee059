/**
 * Cross-site request refusal for the demo's POSTs: another site's page must not make payments or refunds with
 * a visitor's browser. Browsers say where a request comes from (Sec-Fetch-Site, Origin); a request that says
 * nothing, like curl's, is no browser being tricked and is allowed.
 */
export function isCrossOrigin(request: Request, allowedOrigins: readonly string[] = []): boolean {
  const origin = request.headers.get('origin');
  // A reverse proxy can make the request's own URL differ from the public one; those origins are named here.
  if (origin !== null && allowedOrigins.includes(origin)) return false;
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return true;
  return origin !== null && origin !== new URL(request.url).origin;
}
