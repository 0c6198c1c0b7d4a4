'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { searchQuery } from '@/lib/queries/account-index';
import { describeError } from '@/lib/queries/describe-error';
import { paths } from '@/lib/paths';
import type { SearchHit } from '@/lib/schemas/index-views';
import { PROVIDER_LABELS } from '@/lib/schemas/providers';
import { useConsole } from '@/components/layout/console-context';
import { asOfTime } from '@/components/index/as-of';

export type Hit = SearchHit & { href: string };

const DEBOUNCE_MS = 200;

function useDebounced(value: string): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [value]);
  return v;
}

/** The search's answers under the box: each says its workspace and where it comes from (live, or the index as of when). */
export function SearchResults({
  q,
  shown,
  listboxId,
  optionId,
  selected,
  workspaces,
  onHits,
  onAnnounce,
  onChoose,
}: {
  q: string;
  shown: boolean;
  listboxId: string;
  optionId: (i: number) => string;
  selected: number;
  workspaces: { id: string; name: string }[];
  onHits: (hits: Hit[]) => void;
  onAnnounce: (text: string) => void;
  onChoose: () => void;
}) {
  const { ws } = useConsole();
  const router = useRouter();
  const term = useDebounced(q);
  const result = useQuery({ ...searchQuery(ws, term), enabled: term.length >= 2 });
  const hits: Hit[] = (term.length >= 2 && result.data?.items ? result.data.items : []).map((h) => ({
    ...h,
    href: paths.account(h.workspace, h.account.provider, h.account.externalId),
  }));
  const key = hits.map((h) => h.href).join('|');
  const wsName = (id: string) => workspaces.find((w) => w.id === id)?.name ?? id;

  const words =
    term.length < 2
      ? ''
      : result.isError
        ? `Search failed. ${describeError(result.error, 'load')}`
        : result.isPending
          ? 'Searching…'
          : hits.length
            ? `${hits.length} account${hits.length === 1 ? '' : 's'} found. Use the arrow keys to choose, Enter to open.`
            : 'No account matches.';

  useEffect(() => {
    onHits(hits);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the hits change when their addresses do
  }, [key]);
  useEffect(() => onAnnounce(words), [words, onAnnounce]);

  if (!shown) return null;
  return (
    <div className="absolute right-0 z-20 mt-1 w-full min-w-[20rem] rounded-md border border-slate-200 bg-white shadow-lg sm:w-[28rem] dark:border-slate-700 dark:bg-slate-900">
      <ul id={listboxId} role="listbox" aria-label="Accounts found" className="max-h-96 overflow-y-auto py-1 text-sm">
        {hits.map((h, i) => (
          <li
            key={h.href}
            id={optionId(i)}
            role="option"
            aria-selected={i === selected}
            // An option is not a link inside a listbox (axe: nested-interactive): the box keeps the focus, a click opens it.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              onChoose();
              router.push(h.href);
            }}
            className="aria-selected:bg-slate-100 dark:aria-selected:bg-slate-800"
          >
            <div className="cursor-pointer px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-800">
              <span className="font-medium">{h.account.name ?? 'No name'}</span>{' '}
              <span className="font-mono text-xs">{h.account.externalId}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">
                {PROVIDER_LABELS[h.account.provider]} · {wsName(h.workspace)} ·{' '}
                {h.source === 'live' ? <strong className="text-green-800 dark:text-green-300">live</strong> : `as of ${asOfTime(h.asOf)}`}
              </span>
            </div>
          </li>
        ))}
      </ul>
      {words && !hits.length ? <p className="px-3 py-2 text-sm">{words}</p> : null}
    </div>
  );
}
