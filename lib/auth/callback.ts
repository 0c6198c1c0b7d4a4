import 'server-only';
import { cookies } from 'next/headers';
import { NextRequest } from 'next/server';
import { safeCallbackPath } from '@/lib/paths';

/**
 * next-auth's `redirect` callback: where next-auth itself sends the browser
 * (its callback-url cookie, a `callbackUrl` field). Only this site; a
 * malformed URL or cookie falls back to the home page instead of a 500
 * (docs/security.md, A29).
 */
export function safeRedirect(url: string, baseUrl: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return '/';
  }
  try {
    const target = new URL(url, base);
    if (target.origin !== base.origin) return base.origin + '/';
    return base.origin + safeCallbackPath(target.pathname + target.search + target.hash);
  } catch {
    return base.origin + '/';
  }
}

/** What next-auth accepts as a callback URL before any callback runs: anything else is a 500 there. */
function parsesAsHttpUrl(value: string, origin: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith('/') ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * next-auth refuses a malformed callback URL, in its cookie or its query
 * parameter, with a 500 before the `redirect` callback runs: a poisoned
 * cookie would lock that browser out of sign-in for good. Such a cookie is
 * expired and such a parameter dropped; what is left, next-auth's own checks
 * and `safeRedirect` keep on this site.
 */
export async function withoutMalformedCallbackUrl(req: NextRequest): Promise<NextRequest> {
  const jar = await cookies();
  for (const c of jar.getAll())
    if (c.name.endsWith('next-auth.callback-url') && !parsesAsHttpUrl(c.value, req.nextUrl.origin)) jar.delete(c.name);
  const param = req.nextUrl.searchParams.get('callbackUrl');
  if (param === null || parsesAsHttpUrl(param, req.nextUrl.origin)) return req;
  const clean = new URL(req.url);
  clean.searchParams.delete('callbackUrl');
  return new NextRequest(clean, req);
}
