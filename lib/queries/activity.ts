import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { ActivityPage } from '@/lib/schemas/activity';
import { activityKeys } from './activity-keys';
import { apiFetch } from './api';

/** The Activity page's filters, as in its URL and the BFF's query. */
export interface ActivityFilters {
  actor?: string;
  action?: string;
  target?: string;
  outcome?: 'ok' | 'denied' | 'failed' | 'unconfirmed';
  from?: string;
  to?: string;
}
export type ActivityScope = 'workspace' | 'all';

export { activityKeys } from './activity-keys';

export function filtersQuery(f: ActivityFilters): URLSearchParams {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) qs.set(k, v);
  return qs;
}

const seg = encodeURIComponent;
export const activityPath = (ws: string, scope: ActivityScope) =>
  scope === 'all' ? '/api/activity' : `/api/workspaces/${seg(ws)}/activity`;
export const activityExportHref = (ws: string, f: ActivityFilters, format: 'csv' | 'jsonl') =>
  `/api/workspaces/${seg(ws)}/activity/export?${new URLSearchParams({ ...Object.fromEntries(filtersQuery(f)), format })}`;

/** Newest first, a page of 50 at a time: "Show older" asks for the next cursor. */
export function activityQuery(ws: string, scope: ActivityScope, f: ActivityFilters) {
  return infiniteQueryOptions({
    queryKey: activityKeys.list(ws, scope, f),
    // Others' changes land in the log at any time: every visit reads it again.
    staleTime: 0,
    // Read from the console's own store: its success says nothing of Vonage (degraded mode ignores it).
    meta: { upstream: false },
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const qs = filtersQuery(f);
      if (pageParam) qs.set('cursor', pageParam);
      return apiFetch<ActivityPage>(`${activityPath(ws, scope)}?${qs}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** One account's newest events (the account page's History): the first page only. */
export function accountHistoryQuery(ws: string, externalId: string) {
  return queryOptions({
    queryKey: activityKeys.history(ws, externalId),
    staleTime: 0,
    meta: { upstream: false },
    queryFn: ({ signal }) => {
      // Stryker disable next-line StringLiteral: activityPath tells only 'all' apart; any other scope is the workspace's path
      const path = activityPath(ws, 'workspace');
      return apiFetch<ActivityPage>(`${path}?${filtersQuery({ target: externalId })}`, { signal });
    },
  });
}
