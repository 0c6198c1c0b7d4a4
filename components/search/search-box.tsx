'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Hit } from './search-results';

// Loaded on first focus: the header adds only this box to every page's first load.
const SearchResults = dynamic(() => import('./search-results').then((m) => m.SearchResults), { ssr: false });

const LISTBOX = 'search-results';
const optionId = (i: number) => `search-option-${i}`;

/** The header's search: `/` or Ctrl/Cmd+K reaches it; results by arrow keys and Enter; counts announced. */
export function SearchBox({ workspaces }: { workspaces: { id: string; name: string }[] }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState('');
  const [used, setUsed] = useState(false);
  const [open, setOpen] = useState(false);
  const [hits, setHits] = useState<Hit[]>([]);
  const [selected, setSelected] = useState(-1);
  const [announce, setAnnounce] = useState('');

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        input.current?.focus();
      } else if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const shown = open && q.trim().length >= 2;

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Escape') {
      if (shown) setOpen(false);
      else setQ('');
      return;
    }
    if (!shown || !hits.length) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setSelected((s) => (s + step + hits.length) % hits.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = hits[Math.max(0, selected)];
      if (hit) {
        setOpen(false);
        router.push(hit.href);
      }
    }
  }

  return (
    <div className="relative w-full sm:w-72" role="search">
      <label htmlFor="account-search" className="sr-only">
        Search accounts by name or external id (press / or Ctrl+K)
      </label>
      <input
        ref={input}
        id="account-search"
        type="search"
        role="combobox"
        aria-expanded={shown}
        aria-controls={shown ? LISTBOX : undefined}
        aria-autocomplete="list"
        aria-activedescendant={shown && selected >= 0 ? optionId(selected) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Search accounts (/)"
        value={q}
        onFocus={() => {
          setUsed(true);
          setOpen(true);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setQ(e.target.value);
          setSelected(-1);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
      />
      <p role="status" aria-live="polite" className="sr-only">
        {announce}
      </p>
      {used ? (
        <SearchResults
          q={q.trim()}
          shown={shown}
          listboxId={LISTBOX}
          optionId={optionId}
          selected={selected}
          workspaces={workspaces}
          onHits={setHits}
          onAnnounce={setAnnounce}
          onChoose={() => setOpen(false)}
        />
      ) : null}
    </div>
  );
}
