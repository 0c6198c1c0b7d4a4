'use client';

import { useRefreshIndex } from '@/lib/queries/account-index';
import { describeError } from '@/lib/queries/describe-error';
import type { AsOf } from '@/lib/schemas/index-views';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';

/** "14:02", or the date too when it is not today. */
export function asOfTime(iso: string): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
  return at.toDateString() === new Date().toDateString() ? time : `${at.toLocaleDateString()} ${time}`;
}

/** How old a view built on the index is, and Refresh now. */
export function AsOfLine({ ws, asOf }: { ws: string; asOf: AsOf | undefined }) {
  const refresh = useRefreshIndex(ws);
  const toast = useToast();
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700 dark:text-slate-300">
      <p data-testid="as-of">
        {asOf === undefined
          ? 'Reading the index…'
          : asOf
            ? `From the console’s index, as of ${asOfTime(asOf)}.`
            : 'The index of this workspace has not been read yet.'}
      </p>
      <Button
        pending={refresh.isPending}
        onClick={() =>
          refresh.mutate(undefined, {
            onSuccess: (s) =>
              toast(
                s.lastOutcome === 'ok' ? 'success' : 'error',
                s.lastOutcome === 'ok' ? 'The index is up to date.' : 'Vonage failed part-way: the index keeps what it had.',
              ),
            onError: (e) => toast('error', `Could not refresh the index. ${describeError(e, 'load')}`),
          })
        }
      >
        {refresh.isPending ? 'Refreshing…' : 'Refresh now'}
      </Button>
    </div>
  );
}
