/**
 * The security headers of every response, in one place: `npm start` sets them on each response, and the build
 * writes them into `_headers` for static hosts. Inline scripts are allowed by their hashes only (never
 * 'unsafe-inline'); the build collects the hashes from the pages it wrote.
 *
 * Each header is kept for what it protects on this site and weighed against what it was measured to cost (the
 * table, with the figures and how they were measured: docs/headers.md).
 */

export interface SecurityHeaderOptions {
  /** `sha256-…` hashes of the inline scripts the pages contain. */
  scriptHashes: readonly string[];
}

export function securityHeaders({ scriptHashes }: SecurityHeaderOptions): Record<string, string> {
  const csp = [
    "default-src 'self'",
    // Pagefind's search runs as WebAssembly, which needs 'wasm-unsafe-eval' (it does not allow JavaScript eval).
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.map((h) => `'${h}'`).join(' ')}`.trim(),
    // The syntax highlighter's colours are style attributes; styles can't run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    // Script injection: article Markdown, search excerpts and the demo's API answers all reach the DOM; only this
    // site's files and hashed inline scripts run. Also no framing (clickjacking the demo's refund button). Cost:
    // 437 bytes a page; no Lighthouse difference measured.
    'Content-Security-Policy': csp,
    // A file served as data (search index, JSON answers) is never run as script or rendered as HTML, and cross-origin
    // pages can't read the JSON (Chromium's ORB relies on it). 33 bytes; sent on every response.
    'X-Content-Type-Options': 'nosniff',
    // A search URL holds what the reader typed (/search/?q=…) and an article's path their problem: other sites get the
    // origin only. Browsers' default since 2021; stated for older ones. 50 bytes.
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // Clickjacking in browsers without CSP frame-ancestors. 23 bytes.
    'X-Frame-Options': 'DENY',
    // Nothing here uses these; an injected script or frame can't ask the reader for them. (`interest-cohort`, for the
    // withdrawn FLoC, is no longer a feature Chromium knows.) 81 bytes.
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    // A page that opened the help center (or that it opens) gets no handle on its window: it can't swap the tab the
    // reader trusts for a fake Stripe sign-in page later, nor probe it. Costs a new renderer process only when the
    // page opens from a blank tab (Lighthouse's start: +280 ms CPU in Chromium), none when a reader arrives from
    // another site or moves between pages here (scripts/bench/coop-cost.ts). Kept everywhere.
    'Cross-Origin-Opener-Policy': 'same-origin',
    // HTTPS only from the first visit on, for a year: no plain-HTTP request a network could tamper with. Ignored on
    // plain HTTP (npm start without TLS in front), so safe everywhere; without includeSubDomains, as the domain's other
    // hosts are not this site's to bind. 46 bytes.
    'Strict-Transport-Security': 'max-age=31536000',
  };
}

/**
 * The headers for a response that is not a page (scripts, the search index, JSON): the policy headers only mean
 * something on documents, and on HTTP/1.1 repeating them on each of a search's twenty small files costs kilobytes.
 */
export function assetHeaders(headers: Record<string, string>): Record<string, string> {
  const keep = ['X-Content-Type-Options'];
  return Object.fromEntries(Object.entries(headers).filter(([name]) => keep.includes(name)));
}

/** The `_headers` file format read by Netlify and Cloudflare Pages: a path pattern, then indented headers. */
export function headersFile(headers: Record<string, string>): string {
  return `/*\n${Object.entries(headers)
    .map(([name, value]) => `  ${name}: ${value}`)
    .join('\n')}\n`;
}
