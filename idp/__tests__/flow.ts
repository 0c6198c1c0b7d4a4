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

/** oidc-provider's self-submitting form (it signs the previous person out when another signs in): what a browser would post. */
function autoSubmit(html: string): { action: string; fields: Record<string, string> } | null {
  if (!html.includes('<title>Submitting Callback</title>')) return null;
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const fields = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => [m[1], m[2]]));
  return action ? { action: action.replace(/&amp;/g, '&'), fields } : null;
}

/** Follows the IdP's redirects (and self-submitting forms) until one leaves the IdP for the client's redirect URI, returned unfollowed. */
export async function follow(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
  let res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: jar.header() } });
  jar.take(res);
  for (;;) {
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location') ?? '', url).href;
      if (next.startsWith(REDIRECT)) return res;
      url = next;
      res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    } else {
      const submit = res.status === 200 ? autoSubmit(await res.clone().text()) : null;
      if (!submit) return res;
      url = new URL(submit.action, url).href;
      res = await fetch(url, {
        ...form(submit.fields),
        redirect: 'manual',
        headers: { ...form(submit.fields).headers, cookie: jar.header() },
      });
    }
    jar.take(res);
  }
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
