'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, type MouseEvent } from 'react';
import { rememberListHref } from '@/components/accounts/back-to-list';
import type { AccountListParams } from '@/lib/queries/accounts';
import { listSearch, readListParams } from './list-params';

/**
 * Paging and filtering change only the query string, with the History API
 * (which Next's router follows): no server round trip, so a prefetched page
 * shows at once, while reload, back/forward and shared links keep working.
 */
export function useListState() {
  const search = useSearchParams();
  const pathname = usePathname();
  const params = useMemo(() => readListParams(new URLSearchParams(search.toString())), [search]);
  const hrefFor = useCallback((p: AccountListParams) => `${pathname}${listSearch(p)}`, [pathname]);
  useEffect(() => rememberListHref(hrefFor(params)), [hrefFor, params]);
  const go = useCallback((p: AccountListParams) => window.history.pushState(null, '', hrefFor(p)), [hrefFor]);
  /** For <a href> controls: a plain click stays in the page, a modified click opens a tab as usual. */
  const onLinkClick = useCallback(
    (p: AccountListParams) => (e: MouseEvent<HTMLAnchorElement>) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      go(p);
    },
    [go],
  );
  return { params, hrefFor, go, onLinkClick };
}
