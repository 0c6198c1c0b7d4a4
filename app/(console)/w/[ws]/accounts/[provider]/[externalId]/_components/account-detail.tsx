'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/queries/api';
import { accountDetailQuery, accountKeys } from '@/lib/queries/accounts';
import { describeError } from '@/lib/queries/describe-error';
import type { Account, AccountPage } from '@/lib/schemas/account';
import type { Provider } from '@/lib/schemas/providers';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { ProviderBadge } from '@/components/ui/provider-badge';
import { Skeleton } from '@/components/ui/skeleton';
import { useConsole } from '@/components/layout/console-context';
import { BackToList } from '@/components/accounts/back-to-list';
import { MADE_ELSEWHERE } from '@/components/accounts/copy';
import { AccountHistory } from '@/components/activity/account-history';
import { AccountFields } from './account-fields';
import { ApplicationPanel } from './application-panel';
import { MessengerDelete } from './messenger-delete';
import { MessengerEdit } from './messenger-edit';

/** An account opened from the list shows at once from the list's cache, then refreshes. */
function useFromLists(ws: string, provider: Provider, id: string) {
  const qc = useQueryClient();
  return () => {
    for (const [, page] of qc.getQueriesData<AccountPage>({ queryKey: accountKeys.lists(ws) })) {
      const hit = page?.items.find((a) => a.provider === provider && a.externalId === id);
      if (hit) return hit;
    }
    return undefined;
  };
}

export function AccountDetail({ provider, externalId }: { provider: Provider; externalId: string }) {
  const { ws, canChange } = useConsole();
  const fromLists = useFromLists(ws, provider, externalId);
  const q = useQuery({ ...accountDetailQuery(ws, provider, externalId), initialData: fromLists, initialDataUpdatedAt: 0 });
  const back = <BackToList ws={ws} />;

  if (q.isPending) {
    return (
      <div className="space-y-4">
        {back}
        <p role="status" className="sr-only">
          Loading the account…
        </p>
        <Skeleton className="h-7 w-64" />
        <Skeleton className="h-32 w-full" />
      </div>
    );
  }
  if (q.isError && !q.data) {
    const gone = q.error instanceof ApiError && q.error.status === 404;
    return (
      <div className="space-y-4">
        {back}
        <h1 className="text-xl font-semibold">{gone ? 'Account not found' : 'Could not load the account'}</h1>
        <Notice tone={gone ? 'info' : 'error'} role="alert">
          <p className="mb-2">{gone ? 'This workspace has no such account. It may have been deleted.' : describeError(q.error, 'load')}</p>
          {gone ? null : (
            <Button onClick={() => void q.refetch()} pending={q.isFetching}>
              Try again
            </Button>
          )}
        </Notice>
      </div>
    );
  }
  const account: Account = q.data;
  return (
    <div className="space-y-6">
      {back}
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold break-all">{account.name ?? account.externalId}</h1>
        <ProviderBadge provider={account.provider} />
      </div>
      {q.isError ? (
        <Notice tone="warning" role="alert" title="This may be out of date">
          <p>{describeError(q.error, 'load')}</p>
        </Notice>
      ) : null}
      <AccountFields account={account} />
      <ApplicationPanel account={account} />
      {provider === 'messenger' ? (
        canChange ? (
          <>
            <MessengerEdit account={account} />
            <MessengerDelete account={account} />
          </>
        ) : null
      ) : (
        <section aria-labelledby="made-elsewhere" className="text-sm text-slate-700 dark:text-slate-300">
          <h2 id="made-elsewhere" className="mb-1 font-semibold">
            Creating, renaming and deleting
          </h2>
          <p>The External Accounts API has no create, edit or delete for this provider. {MADE_ELSEWHERE}</p>
        </section>
      )}
      <AccountHistory ws={ws} externalId={account.externalId} />
    </div>
  );
}
