import 'server-only';
import { cookies } from 'next/headers';
import type { NextRequest } from 'next/server';
import { getToken, type JWT } from 'next-auth/jwt';
import { getConfig, type User } from '@/lib/config/load';
import { env } from '@/lib/env';
import { SESSION_MAX_AGE_S } from './options';
import { ssoUserFromToken } from './sso-sign-in';

/** Role and workspace are read from the server's config on every request, never from the browser. */
function userFromToken(token: JWT | null): User | null {
  if (!token?.email || typeof token.loginAt !== 'number') return null;
  if (Date.now() / 1000 - token.loginAt > SESSION_MAX_AGE_S) return null;
  // SSO (interim until sessions are in the store): an SSO sign-in is who its token says, never a config user.
  if (token.sso) return ssoUserFromToken(token);
  return getConfig().users.get(token.email.toLowerCase()) ?? null;
}

type CookieSource = Pick<NextRequest['cookies'], 'getAll'>;

/*
 * Only the session cookie counts: getToken would also take a browser-sent
 * `Authorization: Bearer`, so it is handed the cookies and no headers.
 */
async function userFromCookies(source: CookieSource): Promise<User | null> {
  const req = { cookies: source, headers: new Headers() } as unknown as NextRequest;
  return userFromToken(await getToken({ req, secret: env().NEXTAUTH_SECRET }));
}

/** The signed-in user behind a route handler's request, or null. */
export function sessionUser(req: NextRequest): Promise<User | null> {
  return userFromCookies(req.cookies);
}

/** The signed-in user of a page being rendered, or null. */
export async function currentUser(): Promise<User | null> {
  return userFromCookies(await cookies());
}
