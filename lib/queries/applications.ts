import { queryOptions } from '@tanstack/react-query';
import type { Application, ApplicationPage } from '@/lib/schemas/application';
import { apiFetch } from './api';

export const applicationKeys = {
  all: (ws: string) => ['ws', ws, 'applications'] as const,
};

/* The BFF reads at most 20 pages of 100 when filtering; the same bound applies here. */
const MAX_PAGES = 20;

/**
 * Every application of the workspace (all capabilities): the list shows their
 * names and the link picker shows the ones that cannot take messages disabled.
 */
export function applicationsQuery(ws: string) {
  return queryOptions({
    queryKey: applicationKeys.all(ws),
    staleTime: 60_000,
    queryFn: async ({ signal }): Promise<Application[]> => {
      const items: Application[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const p = await apiFetch<ApplicationPage>(`/api/workspaces/${encodeURIComponent(ws)}/applications?page=${page}&pageSize=100`, {
          signal,
        });
        items.push(...p.items);
        if (page >= p.totalPages) break;
      }
      return items;
    },
  });
}
