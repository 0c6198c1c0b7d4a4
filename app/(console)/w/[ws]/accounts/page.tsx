import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { accountList, applicationList } from '@/lib/bff/reads';
import { prefetched, serverRead } from '@/lib/bff/prefetch';
import { accountKeys, accountListSearch } from '@/lib/queries/accounts';
import { ALL_APPLICATIONS, applicationKeys } from '@/lib/queries/applications';
import { AccountsView } from './_components/accounts-view';
import { readListParams, searchOf } from './_components/list-params';

export const metadata: Metadata = { title: 'Accounts' };

/** A first visit has its rows in the HTML: the page the URL names is read on the server, through the BFF's checks. */
export default async function AccountsPage({ params, searchParams }: PageProps<'/w/[ws]/accounts'>) {
  const { ws } = await params;
  const list = readListParams(searchOf(await searchParams));
  // The rows and the names of their applications, at once (each spends a rate-limit token, as the browser's two calls do).
  const state = await prefetched((qc) =>
    Promise.all([
      qc.prefetchQuery({
        queryKey: accountKeys.list(ws, list),
        queryFn: () => serverRead(accountList, ws, { search: accountListSearch(list) }),
      }),
      qc.prefetchQuery({
        queryKey: applicationKeys.all(ws),
        queryFn: async () => (await serverRead(applicationList, ws, { search: new URLSearchParams(ALL_APPLICATIONS) })).items,
      }),
    ]),
  );
  return (
    <HydrationBoundary state={state}>
      <Suspense>
        <AccountsView />
      </Suspense>
    </HydrationBoundary>
  );
}
