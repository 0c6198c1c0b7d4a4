'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { indexedApplicationsQuery } from '@/lib/queries/account-index';
import { describeError } from '@/lib/queries/describe-error';
import { paths } from '@/lib/paths';
import { useConsole } from '@/components/layout/console-context';
import { AsOfLine } from '@/components/index/as-of';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { TableHead } from '@/components/ui/table-head';

const cell = 'px-3 py-2';

/** The workspace's applications with the number of accounts linked to each (from the index); the page is in the URL. */
export function ApplicationsView() {
  const { ws, wsName } = useConsole();
  const pathname = usePathname();
  const raw = Number(useSearchParams().get('page'));
  const page = Number.isInteger(raw) && raw > 0 ? raw : 1;
  const apps = useQuery({ ...indexedApplicationsQuery(ws, page), placeholderData: keepPreviousData });
  const data = apps.data;
  return (
    <div className="space-y-4">
      <div className="space-y-2">
        <h1 className="text-xl font-semibold">Applications · {wsName}</h1>
        <AsOfLine ws={ws} asOf={apps.isPending ? undefined : (data?.asOf ?? null)} />
      </div>
      {apps.isError ? <Notice tone="error">Could not load the applications. {describeError(apps.error, 'load')}</Notice> : null}
      <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
        <table className="w-full min-w-[36rem] text-left text-sm" aria-busy={apps.isFetching || undefined}>
          <caption className="sr-only">Applications of this workspace</caption>
          <TableHead columns={['Name', 'Messages', 'Linked accounts', 'Application id']} />
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {data
              ? data.items.map((a) => (
                  <tr key={a.id}>
                    <td className={cell}>
                      <Link href={paths.application(ws, a.id)} className="text-blue-800 underline dark:text-blue-300">
                        {a.name}
                      </Link>
                    </td>
                    <td className={cell}>{a.messages ? 'Yes' : 'No'}</td>
                    <td className={cell}>{a.linkedAccounts}</td>
                    <td className={`${cell} font-mono text-xs break-all`}>{a.id}</td>
                  </tr>
                ))
              : Array.from({ length: 4 }, (_, i) => (
                  <tr key={i}>
                    <td colSpan={4} className={cell}>
                      <Skeleton className="h-4 w-full" />
                    </td>
                  </tr>
                ))}
          </tbody>
        </table>
      </div>
      {data && !data.items.length ? <p className="text-sm">The index knows no application in this workspace.</p> : null}
      {data && data.totalPages > 1 ? (
        <nav aria-label="Pages of applications" className="flex items-center gap-3 text-sm">
          {page > 1 ? <Link href={`${pathname}?page=${page - 1}`}>Previous</Link> : null}
          <span>
            Page {page} of {data.totalPages}
          </span>
          {page < data.totalPages ? <Link href={`${pathname}?page=${page + 1}`}>Next</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
