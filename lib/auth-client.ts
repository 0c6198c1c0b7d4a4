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
async function post(path: string, fields: Record<string, string>): Promise<{ ok: boolean; url: string | undefined }> {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: 'true' });
  const res = await fetch(`${BASE}/${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  const data = (await res.json()) as { url?: string };
  return { ok: res.ok, url: data.url };
}

/** True when the email and password were accepted (the session cookie is then set). */
export async function signInWithPassword(email: string, password: string): Promise<boolean> {
  const { ok, url } = await post('callback/credentials', { email, password, callbackUrl: window.location.href });
  return ok && !(url && new URL(url, window.location.href).searchParams.get('error'));
}

/** Ends the session, then loads the sign-in page afresh. */
export async function signOut(): Promise<void> {
  await post('signout', { callbackUrl: paths.signIn() });
  window.location.assign(paths.signIn());
}
