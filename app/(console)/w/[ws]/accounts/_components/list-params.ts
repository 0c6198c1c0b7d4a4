import { PROVIDERS, type Provider } from '@/lib/schemas/providers';
import type { AccountListParams } from '@/lib/queries/accounts';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

/** The list's state lives in the URL; anything unreadable falls back to the default rather than failing. */
export function readListParams(search: URLSearchParams): AccountListParams {
  const provider = search.get('provider');
  const page = Number(search.get('page'));
  const pageSize = Number(search.get('pageSize'));
  return {
    ...(PROVIDERS.includes(provider as Provider) ? { provider: provider as Provider } : {}),
    page: Number.isInteger(page) && page >= 1 && page <= 1_000_000 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** The query string for a list state, leaving defaults out so links stay short. */
export function listSearch(p: AccountListParams): string {
  const qs = new URLSearchParams();
  if (p.provider) qs.set('provider', p.provider);
  if (p.page !== 1) qs.set('page', String(p.page));
  if (p.pageSize !== DEFAULT_PAGE_SIZE) qs.set('pageSize', String(p.pageSize));
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/** A page's `searchParams` as the browser's URLSearchParams reads them (a repeated name: the first value). */
export function searchOf(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of typeof v === 'string' ? [v] : (v ?? [])) search.append(k, one);
  return search;
}
