/** Route table for both APIs: path patterns with `:param` segments, per-method handlers. */
import { PROVIDERS } from './types';
import { APP_BASE, EA_BASE, type ApiName, type Handler } from './context';
import { createAccount, deleteMessenger, getAccount, listAccounts, patchMessenger } from './handlers-accounts';
import { linkApplication, unlinkApplication } from './handlers-links';
import { getApplication, listApplications } from './handlers-applications';

interface Route {
  api: ApiName;
  segments: string[];
  methods: Record<string, Handler>;
  /** Methods whose request carries a JSON body. */
  bodyMethods?: string[];
}

const PROVIDER_SET = new Set<string>(PROVIDERS);

const route = (api: ApiName, path: string, methods: Record<string, Handler>, bodyMethods?: string[]): Route => ({
  api,
  segments: (api === 'accounts' ? EA_BASE + path : APP_BASE + path).split('/').filter(Boolean),
  methods,
  bodyMethods,
});

const ROUTES: Route[] = [
  route('accounts', '', { GET: listAccounts }),
  route('accounts', '/messenger', { POST: createAccount }, ['POST']),
  route('accounts', '/messenger/:external_id', { GET: getAccount('messenger'), PATCH: patchMessenger, DELETE: deleteMessenger }, ['PATCH']),
  route('accounts', '/viber_service_msg/:external_id', { GET: getAccount('viber_service_msg') }),
  route('accounts', '/whatsapp/:external_id', { GET: getAccount('whatsapp') }),
  // No single-account GET for rcs: upstream has none, so /rcs/{id} is an unknown path (404).
  route('accounts', '/:provider/:external_id/applications', { POST: linkApplication }, ['POST']),
  route('accounts', '/:provider/:external_id/applications/:application_id', { DELETE: unlinkApplication }),
  route('applications', '', { GET: listApplications }),
  route('applications', '/:id', { GET: getApplication }),
];

export type RouteMatch =
  | { kind: 'ok'; api: ApiName; handler: Handler; params: Record<string, string>; hasBody: boolean }
  | { kind: 'method'; api: ApiName; allow: string[] }
  | { kind: 'none'; api: ApiName | null };

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const a = actual[i]!;
    if (p.startsWith(':')) {
      let v: string;
      try {
        v = decodeURIComponent(a);
      } catch {
        return null;
      }
      if (v === '' || (p === ':provider' && !PROVIDER_SET.has(v))) return null;
      params[p.slice(1)] = v;
    } else if (p !== a) return null;
  }
  return params;
}

export function apiOf(path: string): ApiName | null {
  if (path === EA_BASE || path.startsWith(`${EA_BASE}/`)) return 'accounts';
  if (path === APP_BASE || path.startsWith(`${APP_BASE}/`)) return 'applications';
  return null;
}

export function matchRoute(method: string, rawPath: string): RouteMatch {
  // One trailing slash is tolerated (`/beta/chatapp-accounts/` is the documented list path).
  const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
  const segments = path.split('/').slice(1);
  const api = apiOf(path);
  for (const r of ROUTES) {
    const params = matchSegments(r.segments, segments);
    if (!params) continue;
    const handler = r.methods[method];
    if (!handler) return { kind: 'method', api: r.api, allow: Object.keys(r.methods) };
    return { kind: 'ok', api: r.api, handler, params, hasBody: r.bodyMethods?.includes(method) ?? false };
  }
  return { kind: 'none', api };
}
