import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { decodeSessionToken } from '@/lib/auth/session-token';
import { env } from '@/lib/env';
import { paths } from '@/lib/paths';

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV !== 'production';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Pages only (never /api: every route handler checks the session itself and
 * answers 401 JSON): signed-out visits go to /signin, and every page gets a
 * CSP with a fresh nonce. Written on next-auth's getToken rather than
 * withAuth, which skips its callback on the sign-in page and so its CSP.
 */
export default async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  // The sign-in page, and an invitation's page (its link is how someone without a session gets one).
  if (pathname !== paths.signIn() && pathname !== paths.invite()) {
    // The same reading of the cookie as the route handlers' (lib/auth/session.ts): its key derived once, a cookie opened once.
    const token = await getToken({
      req,
      secret: env().NEXTAUTH_SECRET,
      decode: ({ token, secret }) => decodeSessionToken({ token, secret }),
    });
    if (!token) {
      const url = new URL(paths.signIn(), env().NEXTAUTH_URL ?? req.nextUrl.origin);
      url.searchParams.set('callbackUrl', pathname + search);
      return NextResponse.redirect(url);
    }
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(req.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set('content-security-policy', csp);
  if (env().NEXTAUTH_URL?.startsWith('https:')) res.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  return res;
}

export const config = {
  // Static files of public/ and the app icon are served to anyone, signed in or not.
  matcher: ['/((?!api/|_next/static|_next/image|favicon\\.ico|icon\\.svg|apple-touch-icon\\.png|robots\\.txt).*)'],
};
