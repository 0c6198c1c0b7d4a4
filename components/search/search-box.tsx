'use client';

import { useEffect, useState, type ComponentType } from 'react';

// The same id and look as the combobox that takes its place (search-combobox.tsx), so the swap does not show.
const SEARCH_INPUT_ID = 'account-search';
type Combobox = ComponentType<{ workspaces: { id: string; name: string }[]; initial: string }>;
const field = () => document.getElementById(SEARCH_INPUT_ID) as HTMLInputElement | null;

/**
 * The header's search box, as small as it can be: every page's first load
 * carries it. `/` or Ctrl/Cmd+K reaches it; on first focus the combobox (its
 * results, their query) loads and takes its place (search-combobox.tsx).
 */
export function SearchBox({ workspaces }: { workspaces: { id: string; name: string }[] }) {
  const [C, setC] = useState<{ C: Combobox; initial: string } | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (
        (e.key === 'k' && (e.ctrlKey || e.metaKey)) ||
        (e.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) && !t.isContentEditable)
      ) {
        e.preventDefault();
        field()?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return C ? (
    <C.C workspaces={workspaces} initial={C.initial} />
  ) : (
    <input
      id={SEARCH_INPUT_ID}
      type="search"
      // Collapsed, a combobox needs no aria-controls (ARIA 1.2): its list exists once the combobox has loaded.
      // eslint-disable-next-line jsx-a11y/role-has-required-aria-props
      role="combobox"
      aria-expanded={false}
      aria-label="Search accounts by name or external id"
      placeholder="Search accounts (/)"
      onFocus={() => void import('./search-combobox').then((m) => setC({ C: m.SearchCombobox, initial: field()?.value ?? '' }))}
      className="w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm sm:w-72 dark:border-slate-700 dark:bg-slate-900"
    />
  );
}
