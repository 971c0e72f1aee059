/**
 * The security headers of every response, in one place: `npm start` sets them on each response, and the build
 * writes them into `_headers` for static hosts. Inline scripts are allowed by their hashes only (never
 * 'unsafe-inline'); the build collects the hashes from the pages it wrote.
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
    // Inlined page CSS and the syntax highlighter's colours are style attributes and blocks; styles can't run code.
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
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
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
