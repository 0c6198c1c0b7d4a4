/*
 * The browser's side of next-auth: its own endpoints under /api/auth, called
 * the way next-auth/react calls them. The console needs only a credentials
 * sign-in and a sign-out, and next-auth/react would add some 16 KiB (gzip) to
 * every page's first load.
 */
import { paths } from '@/lib/paths';

const BASE = '/api/auth';

async function csrfToken(): Promise<string> {
  const data = (await (await fetch(`${BASE}/csrf`)).json()) as { csrfToken?: string };
  return data.csrfToken ?? '';
}

/** A form post to next-auth, which answers `{url}` (where it would redirect) when asked for JSON. */
async function post(path: string, fields: Record<string, string>): Promise<{ res: Response; url?: string; detail?: string }> {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: 'true' });
  const res = await fetch(`${BASE}/${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  const data = (await res.json().catch(() => ({}))) as { url?: unknown; detail?: unknown };
  return {
    res,
    ...(typeof data.url === 'string' ? { url: data.url } : {}),
    ...(typeof data.detail === 'string' ? { detail: data.detail } : {}),
  };
}

export type SignInResult = { ok: true } | { ok: false; retryAfterS?: number; detail?: string };

/** Accepted (the session cookie is then set), refused, or turned away for now (429: throttled, or too many at once). */
export async function signInWithPassword(email: string, password: string): Promise<SignInResult> {
  const { res, url, detail } = await post('callback/credentials', { email, password, callbackUrl: window.location.href });
  if (res.status === 429)
    return { ok: false, retryAfterS: Math.max(1, Number(res.headers.get('retry-after')) || 1), ...(detail ? { detail } : {}) };
  if (res.ok && !(url && new URL(url, window.location.href).searchParams.get('error'))) return { ok: true };
  return { ok: false };
}

/** Ends the session, then loads the sign-in page afresh. */
export async function signOut(): Promise<void> {
  await post('signout', { callbackUrl: paths.signIn() });
  window.location.assign(paths.signIn());
}

/**
 * Starts a single sign-on: next-auth answers with the identity provider's
 * address (and sets its state, PKCE and nonce cookies), which the browser then
 * opens. A navigation, not a form post: the page's CSP (`form-action 'self'`)
 * would stop a form's redirect to another origin.
 */
export async function signInWithSso(providerId: string, callbackUrl: string): Promise<void> {
  const { res, url } = await post(`signin/${encodeURIComponent(providerId)}`, { callbackUrl });
  if (!res.ok || !url) throw new Error('single sign-on could not start');
  window.location.assign(url);
}
