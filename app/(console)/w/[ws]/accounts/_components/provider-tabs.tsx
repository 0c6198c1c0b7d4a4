'use client';

import { PROVIDER_LABELS, PROVIDER_ORDER, type Provider } from '@/lib/schemas/providers';
import type { AccountListParams } from '@/lib/queries/accounts';
import { useListState } from './use-list-state';

const TABS: { provider?: Provider; label: string }[] = [
  { label: 'All' },
  ...PROVIDER_ORDER.map((p) => ({ provider: p, label: PROVIDER_LABELS[p] })),
];

/** Links rather than ARIA tabs: each filter is its own URL, so it can be shared, reloaded and gone back to. */
export function ProviderTabs({ params }: { params: AccountListParams }) {
  const { hrefFor, onLinkClick } = useListState();
  return (
    <nav aria-label="Filter by provider" className="overflow-x-auto">
      <ul className="flex gap-1 border-b border-slate-200 dark:border-slate-800">
        {TABS.map((t) => {
          const target = { page: 1, pageSize: params.pageSize, ...(t.provider ? { provider: t.provider } : {}) };
          const current = params.provider === t.provider;
          return (
            <li key={t.label}>
              <a
                href={hrefFor(target)}
                onClick={onLinkClick(target)}
                aria-current={current ? 'page' : undefined}
                className="-mb-px block border-b-2 border-transparent px-3 py-2 text-sm whitespace-nowrap text-slate-700 hover:text-slate-950 focus-visible:outline-2 focus-visible:outline-blue-600 aria-[current=page]:border-blue-700 aria-[current=page]:font-semibold aria-[current=page]:text-slate-950 dark:text-slate-300 dark:hover:text-white dark:aria-[current=page]:border-blue-400 dark:aria-[current=page]:text-white"
              >
                {t.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
