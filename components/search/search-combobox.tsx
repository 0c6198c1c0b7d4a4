'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { SearchResults, type Hit } from './search-results';

const LISTBOX = 'search-results';
/** The plain box's (search-box.tsx): this takes its place. */
const SEARCH_INPUT_ID = 'account-search';
const optionId = (i: number) => `search-option-${i}`;

/**
 * The header's search once it has been focused (search-box.tsx loads it): a
 * combobox whose results move with the arrow keys and open with Enter; how
 * many were found is announced.
 */
export function SearchCombobox({ workspaces, initial }: { workspaces: { id: string; name: string }[]; initial: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState(initial);
  const [open, setOpen] = useState(true);
  const [hits, setHits] = useState<Hit[]>([]);
  const [selected, setSelected] = useState(-1);
  const [announce, setAnnounce] = useState('');

  // It takes the place of the plain box that was just focused: the focus (and the caret, at the end) come along.
  useEffect(() => {
    const el = input.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
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
      <input
        ref={input}
        id={SEARCH_INPUT_ID}
        type="search"
        role="combobox"
        aria-expanded={shown}
        aria-controls={shown ? LISTBOX : undefined}
        aria-autocomplete="list"
        aria-activedescendant={shown && selected >= 0 ? optionId(selected) : undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder="Search accounts (/)"
        aria-label="Search accounts by name or external id"
        value={q}
        onFocus={() => setOpen(true)}
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
    </div>
  );
}
