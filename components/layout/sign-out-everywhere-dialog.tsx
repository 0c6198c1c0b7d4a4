'use client';

import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { signOutEverywhere } from '@/lib/queries/people';
import { useLeave } from './use-leave';

/** Every session of mine ends in the store first (this one too); then next-auth clears this browser's cookie. */
export default function SignOutEverywhereDialog({ onCancel }: { onCancel: () => void }) {
  const leave = useLeave();
  const [pending, setPending] = useState(false);
  return (
    <ConfirmDialog
      open
      title="Sign out everywhere?"
      confirmLabel="Sign out everywhere"
      pending={pending}
      onCancel={onCancel}
      onConfirm={() => {
        setPending(true);
        void leave(signOutEverywhere);
      }}
    >
      <p>Every session you have, in this browser and any other, ends now. You will need to sign in again.</p>
    </ConfirmDialog>
  );
}
