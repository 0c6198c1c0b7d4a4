'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useDeleteMessenger } from '@/lib/queries/account-mutations';
import { describeError } from '@/lib/queries/describe-error';
import type { Account } from '@/lib/schemas/account';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { useConsole } from '@/components/layout/console-context';
import { useDegraded } from '@/components/layout/upstream-status';
import { paths } from '@/lib/paths';

export function MessengerDelete({ account }: { account: Account }) {
  const { ws } = useConsole();
  const router = useRouter();
  const toast = useToast();
  const degraded = useDegraded();
  const [open, setOpen] = useState(false);
  const remove = useDeleteMessenger(ws, account.externalId);
  const label = account.name ? `${account.name} (Page ${account.externalId})` : `Page ${account.externalId}`;
  return (
    <section aria-labelledby="delete-heading" className="rounded-md border border-red-200 p-4 dark:border-red-900">
      <h2 id="delete-heading" className="mb-1 font-semibold">
        Delete this account
      </h2>
      <p className="mb-3 text-sm">
        Vonage stops sending and receiving Messenger messages for this page. The Facebook page itself is not touched.
      </p>
      <Button variant="danger" onClick={() => setOpen(true)} disabled={degraded}>
        Delete account…
      </Button>
      <ConfirmDialog
        open={open}
        title={`Delete ${label}?`}
        confirmLabel="Delete"
        pending={remove.isPending}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              toast('success', `Deleted the Messenger account ${label}.`);
              router.push(paths.accounts(ws, { provider: 'messenger' }));
            },
            onError: (e) => {
              setOpen(false);
              toast('error', `Could not delete ${label}. ${describeError(e, 'delete')}`);
            },
          })
        }
      >
        <p>
          <strong>{label}</strong> will be removed from this Vonage account. To use it again you will need its Page token.
        </p>
      </ConfirmDialog>
    </section>
  );
}
