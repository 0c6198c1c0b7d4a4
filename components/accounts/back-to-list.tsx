'use client';

import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import { paths } from '@/lib/paths';

const KEY = 'accounts-console:last-list';

/** The list page (tab, page, page size) the user was last on, so "back" returns there and not to page 1. */
export function rememberListHref(href: string) {
  try {
    sessionStorage.setItem(KEY, href);
  } catch {
    // Storage can be off (private mode, policy): "back" then goes to the first page.
  }
}

const noSubscription = () => () => {};

export function BackToList({ ws }: { ws: string }) {
  const home = paths.accounts(ws);
  const href = useSyncExternalStore(
    noSubscription,
    () => {
      try {
        const last = sessionStorage.getItem(KEY);
        return last && (last === home || last.startsWith(`${home}?`)) ? last : home;
      } catch {
        return home;
      }
    },
    () => home,
  );
  return (
    <Link href={href} className="text-sm text-blue-800 underline-offset-2 hover:underline dark:text-blue-300">
      ← All accounts
    </Link>
  );
}
