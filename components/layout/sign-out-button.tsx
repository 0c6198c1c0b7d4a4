'use client';

import { useQueryClient } from '@tanstack/react-query';
import { signOut } from '@/lib/auth-client';
import { Button } from '@/components/ui/button';

/** Nothing read as this user stays in the browser's memory after sign-out. */
export function SignOutButton() {
  const qc = useQueryClient();
  return (
    <Button
      onClick={async () => {
        await qc.cancelQueries();
        qc.clear();
        await signOut();
      }}
    >
      Sign out
    </Button>
  );
}
