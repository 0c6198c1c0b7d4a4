import 'server-only';

/**
 * The API's route patterns, as the folders under app/api name them (a unit
 * test keeps the two in step). A request is labelled with its pattern, so an
 * account id never becomes a series of its own.
 */
export const ROUTE_PATTERNS = [
  '/api/activity',
  '/api/auth/[...nextauth]',
  '/api/health',
  '/api/invitations/accept',
  '/api/invitations/open',
  '/api/me/sessions/revoke',
  '/api/metrics',
  '/api/people',
  '/api/people/[id]',
  '/api/people/[id]/sessions',
  '/api/people/invitations',
  '/api/ready',
  '/api/search',
  '/api/workspaces',
  '/api/workspaces/[ws]/accounts',
  '/api/workspaces/[ws]/accounts/[provider]',
  '/api/workspaces/[ws]/accounts/[provider]/[externalId]',
  '/api/workspaces/[ws]/accounts/[provider]/[externalId]/applications',
  '/api/workspaces/[ws]/accounts/[provider]/[externalId]/applications/[applicationId]',
  '/api/workspaces/[ws]/accounts/export',
  '/api/workspaces/[ws]/activity',
  '/api/workspaces/[ws]/activity/export',
  '/api/workspaces/[ws]/applications',
  '/api/workspaces/[ws]/applications/[applicationId]',
  '/api/workspaces/[ws]/index',
  '/api/workspaces/[ws]/index/refresh',
  '/api/workspaces/[ws]/overview',
] as const;

/** Everything else under /api (the catch-all 404). */
export const OTHER_ROUTE = '/api/[...rest]';

const segments = (p: string) => p.split('/').filter(Boolean);
const dynamic = (s: string) => s.startsWith('[');
/** As Next matches: a static segment before a dynamic one, so `accounts/export` is not `accounts/[provider]`. */
const ORDERED = [...ROUTE_PATTERNS].map(segments).sort((a, b) => {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const d = Number(dynamic(a[i] as string)) - Number(dynamic(b[i] as string));
    if (d !== 0) return d;
  }
  return 0;
});

function matches(pattern: string[], path: string[]): boolean {
  const last = pattern.at(-1) ?? '';
  if (last.startsWith('[...')) return path.length >= pattern.length && pattern.slice(0, -1).every((s, i) => dynamic(s) || s === path[i]);
  return pattern.length === path.length && pattern.every((s, i) => dynamic(s) || s === path[i]);
}

/** The route pattern a path is served by; one label for every path no route serves. */
export function routePattern(pathname: string): string {
  const path = segments(pathname);
  const hit = ORDERED.find((p) => matches(p, path));
  return hit ? '/' + hit.join('/') : OTHER_ROUTE;
}
