// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a real 403 status (admin pages for analysts).
  experimental: { authInterrupts: true },
  // Native/WASM packages stay out of the server bundle and load from node_modules at run time.
  serverExternalPackages: ['@node-rs/argon2', '@electric-sql/pglite', '@electric-sql/pglite-socket', '@prisma/schema-engine-wasm'],
  // Static security headers on every response, static files included. The Content-Security-Policy
  // needs a per-request nonce, so proxy.ts sets it (lib/security/headers.ts). SECURITY.md explains each.
  async headers() {
    const headers = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'X-Frame-Options', value: 'DENY' },
      // Stricter than strict-origin-when-cross-origin: other sites never see our URLs (which carry filters).
      { key: 'Referrer-Policy', value: 'same-origin' },
      { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()' },
      { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    ];
    // HSTS in production builds only: browsers ignore it over plain http, and a developer's
    // localhost must not be pinned to https.
    if (process.env.NODE_ENV === 'production') headers.push({ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' });
    return [{ source: '/:path*', headers }];
  },
};

export default nextConfig;
