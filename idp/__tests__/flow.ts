import { createHash, randomBytes } from 'node:crypto';

/** A browser's cookie jar for one origin, enough for the IdP's cookies. */
export class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      if (/expires=Thu, 01 Jan 1970/i.test(c) || pair.slice(i + 1) === '') this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(i + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export const REDIRECT = 'http://127.0.0.1:3999/api/auth/callback/demo-sso';
export const CLIENT = { clientId: 'console', clientSecret: 'a-demo-client-secret-0123' };

/** Follows the IdP's redirects until one leaves the IdP (to the client's redirect URI), which it returns unfollowed. */
export async function follow(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
  let res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: jar.header() } });
  jar.take(res);
  while (res.status >= 300 && res.status < 400) {
    const next = new URL(res.headers.get('location') ?? '', url).href;
    if (next.startsWith(REDIRECT)) return res;
    url = next;
    res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(res);
  }
  return res;
}

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
