'use client';

import { useId } from 'react';
import type { AccountListParams } from '@/lib/queries/accounts';
import type { AccountPage } from '@/lib/schemas/account';
import { buttonClass } from '@/components/ui/button';
import { PAGE_SIZES } from './list-params';
import { useListState } from './use-list-state';

/** First / previous / next / last (when Vonage says which is last) and the page size. */
export function Pager({ params, data }: { params: AccountListParams; data: AccountPage | undefined }) {
  const { hrefFor, onLinkClick, go } = useListState();
  const sizeId = useId();
  const page = params.page;
  const hasPrev = page > 1;
  const hasNext = data?.hasNext ?? false;
  const last = data?.lastPage ?? null;
  const controls: { label: string; rel?: string; target: number; enabled: boolean }[] = [
    { label: 'First', target: 1, enabled: hasPrev },
    { label: 'Previous', rel: 'prev', target: page - 1, enabled: hasPrev },
    { label: 'Next', rel: 'next', target: page + 1, enabled: hasNext },
    ...(last !== null ? [{ label: 'Last', target: last, enabled: page < last }] : []),
  ];
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 py-3">
      <nav aria-label="Pages" className="flex flex-wrap items-center gap-2">
        {controls.map((c) =>
          c.enabled ? (
            <a
              key={c.label}
              href={hrefFor({ ...params, page: c.target })}
              rel={c.rel}
              onClick={onLinkClick({ ...params, page: c.target })}
              className={buttonClass()}
            >
              {c.label}
            </a>
          ) : (
            <a key={c.label} role="link" aria-disabled="true" className={buttonClass()}>
              {c.label}
            </a>
          ),
        )}
        <span className="px-1 text-sm text-slate-700 dark:text-slate-300" aria-live="polite">
          Page {page}
          {last !== null ? ` of ${last}` : ''}
        </span>
      </nav>
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor={sizeId}>Rows per page</label>
        <select
          id={sizeId}
          value={params.pageSize}
          onChange={(e) => go({ ...params, page: 1, pageSize: Number(e.target.value) })}
          className="rounded-md border border-slate-400 bg-white px-2 py-1 dark:border-slate-500 dark:bg-slate-900"
        >
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
