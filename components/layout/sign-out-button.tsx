'use client';

import { Button } from '@/components/ui/button';
import { signOutEverywhere } from '@/lib/queries/people';
import { useLeave } from './use-leave';

export function SignOutButton() {
  const leave = useLeave();
  return <Button onClick={() => void leave()}>Sign out</Button>;
}

/**
 * Ends every session of the person (this one too): other browsers and devices, and copies of the cookie, are refused
 * at once. No confirmation: its worst outcome is signing in again, and the header is on every page's first load.
 */
export function SignOutEverywhereButton() {
  const leave = useLeave();
  return (
    <Button variant="ghost" onClick={() => void leave(signOutEverywhere)}>
      Sign out everywhere
    </Button>
  );
}
