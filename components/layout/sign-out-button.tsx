'use client';

import { useQueryClient } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { Button } from '@/components/ui/button';

/** Nothing read as this user stays in the browser's memory after sign-out. */
export function SignOutButton() {
  const qc = useQueryClient();
  return (
    <Button
      onClick={async () => {
        await qc.cancelQueries();
        qc.clear();
        await signOut({ callbackUrl: '/signin' });
      }}
    >
      Sign out
    </Button>
  );
}
