import 'server-only';
import { cookies } from 'next/headers';
import type { NextRequest } from 'next/server';
import { getToken, type JWT } from 'next-auth/jwt';
import type { User } from '@/lib/config/load';
import { env } from '@/lib/env';
import { decodeSessionToken } from './session-token';
import { sessionPerson } from './sessions';

/** The cookie names a session in the store; role and workspace are read from the server on every request, never the browser. */
async function userFromToken(token: JWT | null): Promise<User | null> {
  if (!token || typeof token.sid !== 'string') return null;
  return sessionPerson(token.sid);
}

type CookieSource = Pick<NextRequest['cookies'], 'getAll'>;

/*
 * Only the session cookie counts: getToken would also take a browser-sent
 * `Authorization: Bearer`, so it is handed the cookies and no headers.
 */
async function tokenFromCookies(source: CookieSource): Promise<JWT | null> {
  const req = { cookies: source, headers: new Headers() } as unknown as NextRequest;
  return getToken({ req, secret: env().NEXTAUTH_SECRET, decode: ({ token, secret }) => decodeSessionToken({ token, secret }) });
}

/** The signed-in user behind a route handler's request, or null. */
export async function sessionUser(req: NextRequest): Promise<User | null> {
  return userFromToken(await tokenFromCookies(req.cookies));
}

/** The session id behind a route handler's request (sign out everywhere keeps nothing, but says which one asked). */
export async function sessionId(req: NextRequest): Promise<string | null> {
  const token = await tokenFromCookies(req.cookies);
  return typeof token?.sid === 'string' ? token.sid : null;
}

/** The signed-in user of a page being rendered, or null. */
export async function currentUser(): Promise<User | null> {
  return userFromToken(await tokenFromCookies(await cookies()));
}
