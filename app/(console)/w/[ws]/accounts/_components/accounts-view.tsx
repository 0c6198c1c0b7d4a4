'use client';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useMemo } from 'react';
import { accountListQuery } from '@/lib/queries/accounts';
import { applicationsQuery } from '@/lib/queries/applications';
import { describeError } from '@/lib/queries/describe-error';
import { PROVIDER_LABELS } from '@/lib/schemas/providers';
import { Button, buttonClass } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { useConsole } from '@/components/layout/console-context';
import { MADE_ELSEWHERE } from '@/components/accounts/copy';
import { AccountsList, AccountsTableSkeleton } from './accounts-table';
import { Pager } from './pager';
import { ProviderTabs } from './provider-tabs';
import { useListState } from './use-list-state';
import { paths } from '@/lib/paths';

export function AccountsView() {
  const { ws, canChange } = useConsole();
  const { params, hrefFor, onLinkClick } = useListState();
  const qc = useQueryClient();
  const list = useQuery({ ...accountListQuery(ws, params), placeholderData: keepPreviousData });
  const apps = useQuery(applicationsQuery(ws));
  const appsById = useMemo(() => (apps.data ? new Map(apps.data.map((a) => [a.id, a])) : undefined), [apps.data]);

  // The next page is fetched ahead so that "Next" shows at once.
  const hasNext = list.data?.hasNext && !list.isPlaceholderData;
  useEffect(() => {
    if (hasNext) void qc.prefetchQuery(accountListQuery(ws, { ...params, page: params.page + 1 }));
  }, [qc, ws, params, hasNext]);

  const what = params.provider ? `${PROVIDER_LABELS[params.provider]} accounts` : 'accounts';
  let body: React.ReactNode;
  if (list.isPending) {
    body = (
      <>
        <p role="status" className="sr-only">
          Loading {what}…
        </p>
        <AccountsTableSkeleton rows={params.pageSize} />
      </>
    );
  } else if (list.isError && !list.data) {
    body = (
      <Notice tone="error" role="alert" title={`Could not load the ${what}`}>
        <p className="mb-2">{describeError(list.error, 'load')}</p>
        <Button onClick={() => void list.refetch()} pending={list.isFetching}>
          Try again
        </Button>
      </Notice>
    );
  } else if (list.data && list.data.items.length === 0) {
    body =
      params.page > 1 ? (
        <Notice title={`There is no page ${params.page}`}>
          <p>
            This list has fewer pages.{' '}
            <a href={hrefFor({ ...params, page: 1 })} onClick={onLinkClick({ ...params, page: 1 })} className="underline">
              Go to the first page
            </a>
            .
          </p>
        </Notice>
      ) : (
        <Notice title={`No ${what} in this workspace yet`}>
          {params.provider !== 'messenger' && <p className="mb-2">{MADE_ELSEWHERE}</p>}
          {canChange && (params.provider === undefined || params.provider === 'messenger') ? (
            <p>
              <Link href={paths.newMessenger(ws)} className="underline">
                Create a Messenger account
              </Link>{' '}
              with its Facebook Page id and Page token.
            </p>
          ) : null}
        </Notice>
      );
  } else if (list.data) {
    body = (
      <>
        {list.isError ? (
          <Notice tone="warning" role="alert" title="This list may be out of date">
            <p>{describeError(list.error, 'load')}</p>
          </Notice>
        ) : null}
        <AccountsList
          ws={ws}
          items={list.data.items}
          applications={appsById ?? (apps.isError ? null : undefined)}
          stale={list.isPlaceholderData}
        />
        {list.isPlaceholderData ? (
          <p role="status" className="sr-only">
            Loading page {params.page}…
          </p>
        ) : null}
      </>
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Accounts</h1>
        {canChange ? (
          <Link href={paths.newMessenger(ws)} className={buttonClass('primary')}>
            Create Messenger account
          </Link>
        ) : null}
      </div>
      <ProviderTabs params={params} />
      {body}
      {list.data && list.data.items.length > 0 ? <Pager params={params} data={list.isPlaceholderData ? undefined : list.data} /> : null}
    </div>
  );
}
