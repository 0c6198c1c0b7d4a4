'use client';

import { useQueryClient } from '@tanstack/react-query';
import { signOut } from '@/lib/auth-client';

/** Sign-out: nothing read as this user stays in the browser's memory; `before` runs first (ending every session). */
export function useLeave() {
  const qc = useQueryClient();
  return async (before?: () => Promise<void>) => {
    await qc.cancelQueries();
    qc.clear();
    if (before) await before().catch(() => {});
    await signOut();
  };
}
