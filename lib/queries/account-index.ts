import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApplicationAccounts, IndexedApplicationPage, IndexStatus, Overview, SearchAnswer } from '@/lib/schemas/index-views';
import { apiFetch } from './api';
import { indexKeys } from './accounts';

const base = (ws: string) => `/api/workspaces/${encodeURIComponent(ws)}`;

export const overviewQuery = (ws: string) =>
  queryOptions({ queryKey: indexKeys.overview(ws), queryFn: ({ signal }) => apiFetch<Overview>(`${base(ws)}/overview`, { signal }) });

export const APPLICATIONS_PAGE_SIZE = 50;

export const indexedApplicationsQuery = (ws: string, page: number) =>
  queryOptions({
    queryKey: indexKeys.applications(ws, page),
    queryFn: ({ signal }) =>
      apiFetch<IndexedApplicationPage>(`${base(ws)}/applications?source=index&page=${page}&pageSize=${APPLICATIONS_PAGE_SIZE}`, { signal }),
  });

export const applicationAccountsQuery = (ws: string, id: string) =>
  queryOptions({
    queryKey: indexKeys.application(ws, id),
    queryFn: ({ signal }) => apiFetch<ApplicationAccounts>(`${base(ws)}/applications/${encodeURIComponent(id)}`, { signal }),
  });

/** Across every workspace the person may see; kept under the current workspace's key like everything in its cache. */
export const searchQuery = (ws: string, q: string) =>
  queryOptions({
    queryKey: indexKeys.search(ws, q),
    staleTime: 15_000,
    queryFn: ({ signal }) => apiFetch<SearchAnswer>(`/api/search?q=${encodeURIComponent(q)}`, { signal }),
  });

const POLL_MS = 500;
const POLL_MAX = 240;

/**
 * Refresh now: one request starts the re-read on the server (it carries on if
 * the tab closes); the page then asks how it is going until it has ended, and
 * every view built on the index is read again.
 */
export function useRefreshIndex(ws: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<IndexStatus> => {
      // Compared with the server's own times, never the browser's clock.
      const before = await apiFetch<IndexStatus>(`${base(ws)}/index/refresh`, { method: 'POST' });
      for (let i = 0; i < POLL_MAX; i += 1) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        const s = await apiFetch<IndexStatus>(`${base(ws)}/index`);
        if (!s.running && s.finishedAt !== before.finishedAt) return s;
      }
      throw new Error('The re-read is taking long; it goes on, and the page shows it when it ends.');
    },
    onSettled: () => qc.invalidateQueries({ queryKey: indexKeys.all(ws) }),
  });
}
