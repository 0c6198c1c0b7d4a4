import { queryOptions } from '@tanstack/react-query';
import type { Account, AccountPage } from '@/lib/schemas/account';
import type { Provider } from '@/lib/schemas/providers';
import { ApiError, apiFetch } from './api';

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

const seg = encodeURIComponent;
export const accountsPath = (ws: string) => `/api/workspaces/${seg(ws)}/accounts`;
export const accountPath = (ws: string, provider: Provider, id: string) => `${accountsPath(ws)}/${provider}/${seg(id)}`;

function listUrl(ws: string, p: AccountListParams): string {
  const qs = new URLSearchParams({ page: String(p.page), pageSize: String(p.pageSize) });
  if (p.provider) qs.set('provider', p.provider);
  return `${accountsPath(ws)}?${qs}`;
}

export function accountListQuery(ws: string, p: AccountListParams) {
  return queryOptions({
    queryKey: accountKeys.list(ws, p),
    queryFn: ({ signal }) => apiFetch<AccountPage>(listUrl(ws, p), { signal }),
  });
}

/* Vonage has no single read for an RCS agent, so it is looked up in the RCS list (100 a page). */
const RCS_SCAN_PAGES = 50;

async function findRcsAccount(ws: string, id: string, signal: AbortSignal): Promise<Account> {
  for (let page = 1; page <= RCS_SCAN_PAGES; page++) {
    const p = await apiFetch<AccountPage>(listUrl(ws, { provider: 'rcs', page, pageSize: 100 }), { signal });
    const hit = p.items.find((a) => a.externalId === id);
    if (hit) return hit;
    if (!p.hasNext) break;
  }
  throw new ApiError(404, null, null);
}

export function accountDetailQuery(ws: string, provider: Provider, id: string) {
  return queryOptions({
    queryKey: accountKeys.detail(ws, provider, id),
    queryFn: ({ signal }) =>
      provider === 'rcs' ? findRcsAccount(ws, id, signal) : apiFetch<Account>(accountPath(ws, provider, id), { signal }),
  });
}
