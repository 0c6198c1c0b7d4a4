'use client';

import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { signOut } from '@/lib/auth-client';
import { signOutEverywhere } from '@/lib/queries/people';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

/** Nothing read as this user stays in the browser's memory after sign-out. */
function useLeave() {
  const qc = useQueryClient();
  return async (everywhere: boolean) => {
    await qc.cancelQueries();
    qc.clear();
    // Every session of mine ends in the store first (this one too); then next-auth clears this browser's cookie.
    if (everywhere) await signOutEverywhere().catch(() => {});
    await signOut();
  };
}

export function SignOutButton() {
  const leave = useLeave();
  return <Button onClick={() => void leave(false)}>Sign out</Button>;
}

/** Ends every session of the person: other browsers and devices, and copies of the cookie, are refused at once. */
export function SignOutEverywhereButton() {
  const leave = useLeave();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  return (
    <>
      <Button variant="ghost" onClick={() => setOpen(true)}>
        Sign out everywhere
      </Button>
      <ConfirmDialog
        open={open}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        pending={pending}
        onCancel={() => setOpen(false)}
        onConfirm={() => {
          setPending(true);
          void leave(true);
        }}
      >
        <p>Every session you have, in this browser and any other, ends now. You will need to sign in again.</p>
      </ConfirmDialog>
    </>
  );
}
