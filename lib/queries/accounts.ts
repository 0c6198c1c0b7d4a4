import { queryOptions } from '@tanstack/react-query';
import { accountPageSchema } from '@/lib/schemas/account';
import type { Provider } from '@/lib/schemas/ids';
import { apiFetch } from './api';

export interface AccountListParams {
  provider?: Provider;
  page: number;
  pageSize: number;
}

/** Keys run from general to specific and always start with the workspace. */
export const accountKeys = {
  all: (ws: string) => ['ws', ws, 'accounts'] as const,
  lists: (ws: string) => [...accountKeys.all(ws), 'list'] as const,
  list: (ws: string, p: AccountListParams) => [...accountKeys.lists(ws), p] as const,
  detail: (ws: string, provider: Provider, id: string) => [...accountKeys.all(ws), 'detail', provider, id] as const,
};

export function accountListQuery(ws: string, p: AccountListParams) {
  const qs = new URLSearchParams({ page: String(p.page), pageSize: String(p.pageSize) });
  if (p.provider) qs.set('provider', p.provider);
  return queryOptions({
    queryKey: accountKeys.list(ws, p),
    queryFn: ({ signal }) => apiFetch(`/api/workspaces/${encodeURIComponent(ws)}/accounts?${qs}`, accountPageSchema, { signal }),
  });
}
