// Response headers that protect the browser side (ASVS 14.4, 50.x). The CSP carries a fresh nonce per
// request, set by the proxy; the static headers are in next.config.js so static files get them too.

/**
 * The Content-Security-Policy for one response.
 * - script-src: only scripts carrying this request's nonce, and what they load ('strict-dynamic');
 *   never 'unsafe-inline'. Next puts the nonce on its own scripts when it finds it in the request's
 *   CSP header (the proxy sets it there). Dev mode needs 'unsafe-eval' for React's debugging.
 * - style-src 'unsafe-inline': NOTE deliberately allowed. recharts (and React's `style` props on our
 *   chart and table components) write inline style attributes, which a nonce cannot cover (nonces
 *   apply to <style> elements only). Inline styles cannot run script; the risk left is CSS-based
 *   data exfiltration from a page that already has an HTML injection, which output escaping and the
 *   strict script policy keep out.
 * - frame-ancestors 'none': no framing (clickjacking); X-Frame-Options DENY for old browsers.
 */
export function contentSecurityPolicy(nonce: string, opts: { dev?: boolean; https?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${opts.dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** A nonce: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
