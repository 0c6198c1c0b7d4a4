'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { overviewQuery } from '@/lib/queries/account-index';
import { describeError } from '@/lib/queries/describe-error';
import { paths } from '@/lib/paths';
import type { AttentionReason } from '@/lib/schemas/index-views';
import { byProviderOrder, PROVIDER_LABELS, PROVIDER_ORDER } from '@/lib/schemas/providers';
import { useConsole } from '@/components/layout/console-context';
import { AsOfLine } from '@/components/index/as-of';
import { Notice } from '@/components/ui/notice';
import { ProviderBadge } from '@/components/ui/provider-badge';
import { Skeleton } from '@/components/ui/skeleton';
import { TableHead } from '@/components/ui/table-head';

const REASONS: Record<AttentionReason, string> = {
  unlinked: 'No application linked: its messages reach nobody',
  'application-gone': 'Linked to an application that no longer exists',
  'no-messages': 'Linked to an application without the Messages capability',
};

const cell = 'px-3 py-2';

/** Totals per provider and what needs attention, from the index, as of when. */
export function OverviewView() {
  const { ws, wsName } = useConsole();
  const overview = useQuery(overviewQuery(ws));
  const data = overview.data;
  const exportHref = (format: 'csv' | 'jsonl') => `/api/workspaces/${encodeURIComponent(ws)}/accounts/export?format=${format}`;
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-xl font-semibold">Overview · {wsName}</h1>
        <AsOfLine ws={ws} asOf={overview.isPending ? undefined : (data?.asOf ?? null)} />
      </div>
      {overview.isError ? <Notice tone="error">Could not load the overview. {describeError(overview.error, 'load')}</Notice> : null}
      <section aria-labelledby="totals-heading" className="space-y-2">
        <h2 id="totals-heading" className="font-semibold">
          Accounts per provider
        </h2>
        <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
          <table className="w-full min-w-[28rem] text-left text-sm" aria-busy={overview.isPending || undefined}>
            <TableHead columns={['Provider', 'Linked', 'Unlinked', 'Total']} />
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {PROVIDER_ORDER.map((p) => {
                const t = data?.totals[p];
                return (
                  <tr key={p} data-provider={p}>
                    <th scope="row" className={`${cell} font-normal`}>
                      <Link href={paths.accounts(ws, { provider: p })} className="text-blue-800 underline dark:text-blue-300">
                        {PROVIDER_LABELS[p]}
                      </Link>
                    </th>
                    {t ? (
                      <>
                        <td className={cell}>{t.linked}</td>
                        <td className={cell}>{t.unlinked}</td>
                        <td className={`${cell} font-medium`}>{t.linked + t.unlinked}</td>
                      </>
                    ) : (
                      <td colSpan={3} className={cell}>
                        <Skeleton className="h-4 w-32" />
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="text-sm">
          Inventory:{' '}
          <a href={exportHref('csv')} download className="text-blue-800 underline dark:text-blue-300">
            download CSV
          </a>{' '}
          ·{' '}
          <a href={exportHref('jsonl')} download className="text-blue-800 underline dark:text-blue-300">
            JSON Lines
          </a>
        </p>
      </section>
      <section aria-labelledby="attention-heading" className="space-y-2">
        <h2 id="attention-heading" className="font-semibold">
          Needs attention
        </h2>
        {data ? (
          <>
            <ul className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
              {(Object.keys(REASONS) as AttentionReason[]).map((r) => (
                <li key={r}>
                  {REASONS[r]}: <strong>{data.attentionCounts[r]}</strong>
                </li>
              ))}
            </ul>
            {data.attention.length ? (
              <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800">
                {byProviderOrder(data.attention, (x) => x.account.provider).map(({ account: a, reason }) => (
                  <li key={`${a.provider}:${a.externalId}`} className="flex flex-wrap items-center gap-2 px-3 py-2">
                    <ProviderBadge provider={a.provider} />
                    <Link href={paths.account(ws, a.provider, a.externalId)} className="text-blue-800 underline dark:text-blue-300">
                      {a.name ?? a.externalId}
                    </Link>
                    <span className="font-mono text-xs">{a.externalId}</span>
                    <span className="text-slate-700 dark:text-slate-300">— {REASONS[reason]}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm">Nothing needs attention.</p>
            )}
            {data.attention.length < Object.values(data.attentionCounts).reduce((a, b) => a + b, 0) ? (
              <p className="text-sm">The first {data.attention.length} are shown; the inventory export has them all.</p>
            ) : null}
          </>
        ) : (
          <Skeleton className="h-24 w-full" />
        )}
      </section>
    </div>
  );
}
