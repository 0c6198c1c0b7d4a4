import 'server-only';
import type { NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { HttpError } from './problem';

/**
 * Anti-forgery for the BFF's own mutations: a custom header that a cross-site
 * form cannot send, and, when the browser says where it came from, this site.
 */
export function checkCsrf(req: NextRequest): void {
  if (req.headers.get('x-csrf') !== '1')
    throw new HttpError(403, 'Missing anti-forgery header', 'Changes must carry the header X-CSRF: 1.');
  const origin = req.headers.get('origin');
  if (origin !== null && origin !== siteOrigin(req))
    throw new HttpError(403, 'Cross-site request refused', 'Changes are accepted only from this site.');
  const fetchSite = req.headers.get('sec-fetch-site');
  if (fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none')
    throw new HttpError(403, 'Cross-site request refused', 'Changes are accepted only from this site.');
}

/** This site's origin: NEXTAUTH_URL's, never the Host or X-Forwarded-Host a client sends. */
function siteOrigin(req: NextRequest): string {
  const configured = env().NEXTAUTH_URL;
  return configured ? new URL(configured).origin : req.nextUrl.origin;
}
