import { queryOptions } from '@tanstack/react-query';
import type { Account, AccountPage } from '@/lib/schemas/account';
import type { Provider } from '@/lib/schemas/providers';
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

/**
 * Views built on the account index (lib/queries/account-index.ts); here, beside the accounts' keys, because every
 * account mutation refreshes them too (settle.ts) and this module is in every page's first load already.
 */
export const indexKeys = {
  all: (ws: string) => ['ws', ws, 'index'] as const,
  status: (ws: string) => [...indexKeys.all(ws), 'status'] as const,
  overview: (ws: string) => [...indexKeys.all(ws), 'overview'] as const,
  applications: (ws: string, page: number) => [...indexKeys.all(ws), 'applications', page] as const,
  application: (ws: string, id: string) => [...indexKeys.all(ws), 'application', id] as const,
  search: (ws: string, q: string) => [...indexKeys.all(ws), 'search', q] as const,
};

const seg = encodeURIComponent;
export const accountsPath = (ws: string) => `/api/workspaces/${seg(ws)}/accounts`;
export const accountPath = (ws: string, provider: Provider, id: string) => `${accountsPath(ws)}/${provider}/${seg(id)}`;

/** The BFF's query for a list page (the server's prefetch passes the same to the same checks). */
export function accountListSearch(p: AccountListParams): URLSearchParams {
  const qs = new URLSearchParams({ page: String(p.page), pageSize: String(p.pageSize) });
  if (p.provider) qs.set('provider', p.provider);
  return qs;
}

const listUrl = (ws: string, p: AccountListParams) => `${accountsPath(ws)}?${accountListSearch(p)}`;

export function accountListQuery(ws: string, p: AccountListParams) {
  return queryOptions({
    queryKey: accountKeys.list(ws, p),
    queryFn: ({ signal }) => apiFetch<AccountPage>(listUrl(ws, p), { signal }),
  });
}

export function accountDetailQuery(ws: string, provider: Provider, id: string) {
  return queryOptions({
    queryKey: accountKeys.detail(ws, provider, id),
    // One request for every provider: the BFF looks an RCS agent up in the RCS list itself.
    queryFn: ({ signal }) => apiFetch<Account>(accountPath(ws, provider, id), { signal }),
  });
}
