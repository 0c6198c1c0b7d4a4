'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { activityExportHref, activityQuery, type ActivityFilters, type ActivityScope } from '@/lib/queries/activity';
import { describeError } from '@/lib/queries/describe-error';
import { paths } from '@/lib/paths';
import { ActivityTable } from '@/components/activity/activity-table';
import { useConsole } from '@/components/layout/console-context';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { ActivityFiltersForm } from './activity-filters';

const KEYS = ['actor', 'action', 'target', 'outcome', 'from', 'to'] as const;

function readFilters(params: URLSearchParams): ActivityFilters {
  const f: Record<string, string> = {};
  for (const k of KEYS) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f as ActivityFilters;
}

/** The activity log of this workspace (or, for staff, of every workspace), filters and scope in the URL. */
export function ActivityView() {
  const { ws, wsName, isStaff } = useConsole();
  const router = useRouter();
  const search = useSearchParams();
  const scope: ActivityScope = isStaff && search.get('scope') === 'all' ? 'all' : 'workspace';
  const filters = readFilters(search);
  const list = useInfiniteQuery(activityQuery(ws, scope, filters));
  const go = (next: ActivityFilters, nextScope = scope) =>
    router.replace(paths.activity(ws, { ...(nextScope === 'all' ? { scope: 'all' } : {}), ...(next as Record<string, string>) }), {
      scroll: false,
    });

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const applicationNames = Object.assign({}, ...(list.data?.pages.map((p) => p.applicationNames ?? {}) ?? [])) as Record<string, string>;
  const caption = scope === 'all' ? 'Activity in every workspace, newest first' : `Activity in ${wsName}, newest first`;
  const filtered = Object.keys(filters).length > 0;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Activity</h1>
        {scope === 'workspace' ? (
          <p className="flex gap-3 text-sm">
            Export:{' '}
            <a href={activityExportHref(ws, filters, 'csv')} className="underline" download>
              CSV
            </a>
            <a href={activityExportHref(ws, filters, 'jsonl')} className="underline" download>
              JSON Lines
            </a>
          </p>
        ) : null}
      </div>
      {isStaff ? (
        <nav aria-label="Whose activity" className="flex gap-2 text-sm">
          <Link
            href={paths.activity(ws, filters as Record<string, string>)}
            aria-current={scope === 'workspace' ? 'page' : undefined}
            className="rounded px-2 py-1 aria-[current=page]:bg-slate-200 aria-[current=page]:font-semibold dark:aria-[current=page]:bg-slate-800"
          >
            {wsName}
          </Link>
          <Link
            href={paths.activity(ws, { scope: 'all', ...(filters as Record<string, string>) })}
            aria-current={scope === 'all' ? 'page' : undefined}
            className="rounded px-2 py-1 aria-[current=page]:bg-slate-200 aria-[current=page]:font-semibold dark:aria-[current=page]:bg-slate-800"
          >
            Every workspace
          </Link>
        </nav>
      ) : null}
      <ActivityFiltersForm value={filters} onApply={(f) => go(f)} />
      {list.isPending ? (
        <div>
          <p role="status" className="sr-only">
            Loading the activity…
          </p>
          <Skeleton className="h-40 w-full" />
        </div>
      ) : list.isError && items.length === 0 ? (
        <Notice tone="error" role="alert" title="Could not load the activity">
          <p className="mb-2">{describeError(list.error, 'load')}</p>
          <Button onClick={() => void list.refetch()} pending={list.isFetching}>
            Try again
          </Button>
        </Notice>
      ) : items.length === 0 ? (
        <Notice title={filtered ? 'No event matches these filters' : 'Nothing has happened here yet'}>
          <p>
            {filtered
              ? 'Clear a filter or widen the dates.'
              : 'Every change made through the console, and every refusal, will be listed here.'}
          </p>
        </Notice>
      ) : (
        <>
          <ActivityTable items={items} caption={caption} showWorkspace={scope === 'all'} applicationNames={applicationNames} />
          <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
            {items.length} event{items.length === 1 ? '' : 's'} shown{list.hasNextPage ? '; older ones follow' : ''}.
          </p>
          {list.hasNextPage ? (
            <Button onClick={() => void list.fetchNextPage()} pending={list.isFetchingNextPage}>
              Show older events
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}
