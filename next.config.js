import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECURITY_HEADERS } from './scripts/front-door.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));

const securityHeaders = Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value }));

/*
 * next-auth's own HTML pages (its sign-out confirmation and error pages) carry no
 * nonce: no script runs there, and their inline <style> is all they need.
 */
const nextAuthPagesCsp = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: { root },
  outputFileTracingRoot: root,
  // The store's engines load at run time from node_modules: PGlite's WASM and pg's optional native parts are not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'prom-client'],
  // Types are checked by `npm run typecheck` (CI runs it before the tests); the build, which the demo and the tests
  // run, does not check them again.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/api/:path*', headers: [{ key: 'Cache-Control', value: 'no-store' }] },
      { source: '/api/auth/:path*', headers: [{ key: 'Content-Security-Policy', value: nextAuthPagesCsp }] },
    ];
  },
};

export default nextConfig;
