'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { applicationAccountsQuery } from '@/lib/queries/account-index';
import { describeError } from '@/lib/queries/describe-error';
import { paths } from '@/lib/paths';
import { PROVIDER_LABELS, PROVIDER_ORDER } from '@/lib/schemas/providers';
import { useConsole } from '@/components/layout/console-context';
import { AsOfLine } from '@/components/index/as-of';
import { Notice } from '@/components/ui/notice';
import { ProviderBadge } from '@/components/ui/provider-badge';
import { Skeleton } from '@/components/ui/skeleton';
import { LinkedAccountRow } from './linked-account-row';

/** An application and every account linked to it, by provider (from the index: Vonage has no such lookup). */
export function ApplicationView({ applicationId }: { applicationId: string }) {
  const { ws } = useConsole();
  const q = useQuery(applicationAccountsQuery(ws, applicationId));
  const data = q.data;
  const app = data?.application;
  const name = app?.name ?? applicationId;
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href={paths.applications(ws)} className="text-blue-800 underline dark:text-blue-300">
          ← Applications
        </Link>
      </p>
      <div className="space-y-2">
        <h1 className="text-xl font-semibold">{data ? name : <Skeleton className="h-6 w-64" />}</h1>
        <AsOfLine ws={ws} asOf={q.isPending ? undefined : (data?.asOf ?? null)} />
      </div>
      {q.isError ? <Notice tone="error">Could not load the application. {describeError(q.error, 'load')}</Notice> : null}
      {data ? (
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium text-slate-700 dark:text-slate-300">Application id</dt>
          <dd className="font-mono break-all">{applicationId}</dd>
          <dt className="font-medium text-slate-700 dark:text-slate-300">Messages</dt>
          <dd>
            {app ? (app.messages ? 'Yes' : 'No: accounts linked to it receive nothing') : 'Gone: no longer in the workspace’s applications'}
          </dd>
          <dt className="font-medium text-slate-700 dark:text-slate-300">Inbound URL</dt>
          <dd className="font-mono break-all">{app?.inboundUrl ?? 'Not set'}</dd>
          <dt className="font-medium text-slate-700 dark:text-slate-300">Linked accounts</dt>
          <dd data-testid="linked-count">{data.accounts.length}</dd>
        </dl>
      ) : null}
      {data && !data.accounts.length ? <p className="text-sm">No account is linked to this application.</p> : null}
      {data
        ? PROVIDER_ORDER.map((p) => {
            const mine = data.accounts.filter((a) => a.provider === p);
            if (!mine.length) return null;
            return (
              <section key={p} aria-labelledby={`linked-${p}`} className="space-y-2">
                <h2 id={`linked-${p}`} className="flex items-center gap-2 font-semibold">
                  <ProviderBadge provider={p} /> <span className="sr-only">{PROVIDER_LABELS[p]}</span>
                  <span className="text-sm font-normal">{mine.length}</span>
                </h2>
                <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800">
                  {mine.map((a) => (
                    <LinkedAccountRow key={a.externalId} account={a} applicationId={applicationId} appName={name} />
                  ))}
                </ul>
              </section>
            );
          })
        : null}
    </div>
  );
}
