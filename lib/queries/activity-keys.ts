import type { ActivityFilters, ActivityScope } from './activity';

/** Activity query keys, apart from the queries: every mutation invalidates them without loading the Activity page's code. */
export const activityKeys = {
  all: (ws: string) => ['ws', ws, 'activity'] as const,
  list: (ws: string, scope: ActivityScope, f: ActivityFilters) => [...activityKeys.all(ws), scope, f] as const,
  history: (ws: string, externalId: string) => [...activityKeys.all(ws), 'history', externalId] as const,
};
