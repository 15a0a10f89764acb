/**
 * The web responses' Content-Security-Policy, one for the local server (local/http-server.ts) and CloudFront
 * (infra/constructs/web.ts): no inline script or style, nothing framed or framing, no <base>. Locally the API
 * is the same origin (`connect-src 'self'`); in the cloud it is widened to the API's and Cognito's origins.
 * Here rather than in infra/, so the local server does not load CDK.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connectSources].join(' '),
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
