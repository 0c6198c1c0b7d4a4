'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { accountHistoryQuery } from '@/lib/queries/activity';
import { describeError } from '@/lib/queries/describe-error';
import { paths } from '@/lib/paths';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { ActivityTable } from './activity-table';

const SHOWN = 10;

/** The account page's History: its newest events from the activity log, and a link to all of them. */
export function AccountHistory({ ws, externalId }: { ws: string; externalId: string }) {
  const q = useQuery(accountHistoryQuery(ws, externalId));
  const items = q.data?.items.slice(0, SHOWN) ?? [];
  return (
    <section aria-labelledby="history" className="space-y-2">
      <h2 id="history" className="font-semibold">
        History
      </h2>
      {q.isPending ? (
        <Skeleton className="h-16 w-full" />
      ) : q.isError ? (
        <Notice tone="warning">
          <p>The history could not be loaded. {describeError(q.error, 'load')}</p>
        </Notice>
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">No change to this account has been made through the console.</p>
      ) : (
        <>
          <ActivityTable items={items} caption="Changes to this account, newest first" applicationNames={q.data?.applicationNames} />
          <Link href={paths.activity(ws, { target: externalId })} className="text-sm underline">
            All activity for this account
          </Link>
        </>
      )}
    </section>
  );
}
