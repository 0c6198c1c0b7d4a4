'use client';

import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '@/lib/queries/api';
import { Button } from '@/components/ui/button';

const FAILING = new Set([502, 503, 504]);
const DegradedContext = createContext(false);

/**
 * Degraded mode (security.md R10): once a read fails because Vonage is failing
 * or slow, the pages say so and changes are switched off until a read succeeds.
 */
export function UpstreamStatusProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [degraded, setDegraded] = useState(false);
  useEffect(() => {
    const stopQueries = qc.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated') return;
      // Only reads that reach Vonage say whether Vonage answers (the activity log is the console's own store).
      if (event.action.type === 'success' && event.query.meta?.upstream !== false) setDegraded(false);
      if (event.action.type === 'error') {
        signInAgainOn401(event.action.error);
        if (event.action.error instanceof ApiError && FAILING.has(event.action.error.status)) setDegraded(true);
      }
    });
    const stopMutations = qc.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') signInAgainOn401(event.action.error);
    });
    return () => {
      stopQueries();
      stopMutations();
    };
  }, [qc]);
  return <DegradedContext value={degraded}>{children}</DegradedContext>;
}

/** A session that ended (8 hours, or signed out in another tab) sends the user to sign in, then back here. */
function signInAgainOn401(error: unknown) {
  if (!(error instanceof ApiError) || error.status !== 401) return;
  const back = window.location.pathname + window.location.search;
  // A full load on purpose: nothing of the ended session stays in memory.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign(`/signin?callbackUrl=${encodeURIComponent(back)}`);
}

export const useDegraded = () => useContext(DegradedContext);

export function DegradedBanner() {
  const degraded = useDegraded();
  const qc = useQueryClient();
  const [checking, setChecking] = useState(false);
  return (
    <div role="status" aria-live="polite">
      {degraded ? (
        <div className="flex flex-wrap items-center gap-3 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 sm:px-6 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <p className="flex-1">
            <strong>Vonage is failing or slow right now.</strong> Changes are switched off until it answers again; anything shown may be out
            of date.
          </p>
          <Button
            pending={checking}
            onClick={async () => {
              setChecking(true);
              await qc.refetchQueries({ type: 'active' }).finally(() => setChecking(false));
            }}
          >
            Check again
          </Button>
        </div>
      ) : null}
    </div>
  );
}
