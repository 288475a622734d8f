/**
 * The security headers every page is served with, in the cloud (CloudFront's response headers policy)
 * and locally (infra/local/web-pages.ts), so the browser tests run the pages under the same policy.
 * The pages have no inline script or style element (Vite emits modules and a stylesheet), so the
 * policy needs no 'unsafe-inline'; bars set widths through the CSSOM, which CSP does not restrict.
 * data: images are allowed for the pages' empty icon (`<link rel="icon" href="data:,">`), which spares
 * a favicon request; blob: images for the thumbnails of photos chosen in a file picker (object URLs of the
 * customer's own files, which only the page's own script can make).
 */

/** Origins the pages may call besides their own: the API, Cognito's token endpoint, the evidence bucket. */
export interface PageConnections {
  readonly connectSources: readonly string[];
}

export function contentSecurityPolicy({ connectSources }: PageConnections): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "manifest-src 'self'",
  ].join('; ');
}

/**
 * Headers beside the CSP, as the local server sends them (CloudFront's policy sets the same, plus HSTS,
 * which means nothing on the local plain-http origin). no-referrer keeps a tracking link's address out
 * of the logs of any site a page links to.
 */
export const PAGE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'cross-origin-opener-policy': 'same-origin',
} as const;
