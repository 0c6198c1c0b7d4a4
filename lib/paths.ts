import type { Provider } from '@/lib/schemas/providers';

/** Every page URL of the console, built in one place. */
export const paths = {
  home: () => '/',
  signIn: () => '/signin',
  /** An invitation's page; the token follows in the fragment (`#…`), never sent to a server in a URL. */
  invite: () => '/invite',
  people: (ws: string) => `/w/${encodeURIComponent(ws)}/people`,
  accounts: (ws: string, query?: { provider?: Provider }) =>
    `/w/${encodeURIComponent(ws)}/accounts${query?.provider ? `?provider=${query.provider}` : ''}`,
  newMessenger: (ws: string) => `/w/${encodeURIComponent(ws)}/accounts/new`,
  account: (ws: string, provider: Provider, externalId: string) =>
    `/w/${encodeURIComponent(ws)}/accounts/${provider}/${encodeURIComponent(externalId)}`,
  overview: (ws: string) => `/w/${encodeURIComponent(ws)}/overview`,
  applications: (ws: string) => `/w/${encodeURIComponent(ws)}/applications`,
  application: (ws: string, id: string) => `/w/${encodeURIComponent(ws)}/applications/${encodeURIComponent(id)}`,
  activity: (ws: string, query?: Record<string, string>) => {
    const qs = new URLSearchParams(query).toString();
    return `/w/${encodeURIComponent(ws)}/activity${qs ? `?${qs}` : ''}`;
  },
};

const BASE = 'http://console.invalid';

/** A path that stays on this site however a browser reads it: `//host` and `/\host` leave it. */
function isLocalPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !/[\\\u0000-\u001f\u007f]/.test(path);
}

/**
 * Where to go after sign-in: only a path on this site. `//host`, `/\host`
 * (browsers read `\` as `/`), other schemes and control characters fall back
 * to the home page, so a sign-in link can never send anyone to another site.
 * What is returned is checked again after the URL parser has tidied it:
 * `/.//evil`, `/%2e//evil` and `/a/..//evil` fold into `//evil`, another
 * site (docs/security.md, A29). The sign-in page checks the path, and the
 * sign-in form checks it again before it navigates.
 */
export function safeCallbackPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 2000 || !isLocalPath(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return '/';
  }
  const tidy = url.pathname + url.search + url.hash;
  if (url.origin !== BASE || !isLocalPath(tidy)) return '/';
  // Tidying again must change nothing, or a browser could fold it further.
  return new URL(tidy, BASE).href === url.href ? tidy : '/';
}
