'use client';

import { useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import { signOutEverywhere } from '@/lib/queries/people';
import { useLeave } from './use-leave';

const never = () => () => {};
/**
 * False in the server's HTML and until React has hydrated the header: the page's rows can now be in the first HTML,
 * so a click can come before this button can act on it; until then it is disabled rather than dead.
 */
const useHydrated = () =>
  useSyncExternalStore(
    never,
    () => true,
    () => false,
  );

export function SignOutButton() {
  const leave = useLeave();
  const hydrated = useHydrated();
  return (
    <Button onClick={() => void leave()} disabled={!hydrated}>
      Sign out
    </Button>
  );
}

/**
 * Ends every session of the person (this one too): other browsers and devices, and copies of the cookie, are refused
 * at once. No confirmation: its worst outcome is signing in again, and the header is on every page's first load.
 */
export function SignOutEverywhereButton() {
  const leave = useLeave();
  const hydrated = useHydrated();
  return (
    <Button variant="ghost" onClick={() => void leave(signOutEverywhere)} disabled={!hydrated}>
      Sign out everywhere
    </Button>
  );
}
