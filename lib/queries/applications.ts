import { queryOptions } from '@tanstack/react-query';
import type { Application, ApplicationPage } from '@/lib/schemas/application';
import { apiFetch } from './api';

export const applicationKeys = {
  all: (ws: string) => ['ws', ws, 'applications'] as const,
};

/** The BFF's query for every application (the server's prefetch passes the same to the same checks). */
export const ALL_APPLICATIONS = 'all=true';

/**
 * Every application of the workspace (all capabilities), in one request: the
 * list shows their names and the link picker shows the ones that cannot take
 * messages disabled. The BFF reads the Application API's pages itself.
 */
export function applicationsQuery(ws: string) {
  return queryOptions({
    queryKey: applicationKeys.all(ws),
    staleTime: 60_000,
    queryFn: async ({ signal }): Promise<Application[]> =>
      (await apiFetch<ApplicationPage>(`/api/workspaces/${encodeURIComponent(ws)}/applications?${ALL_APPLICATIONS}`, { signal })).items,
  });
}
