'use client';

import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useState } from 'react';
import { applicationsQuery } from '@/lib/queries/applications';
import { useUnlinkApplication } from '@/lib/queries/account-mutations';
import { describeError } from '@/lib/queries/describe-error';
import { paths } from '@/lib/paths';
import type { Account } from '@/lib/schemas/account';
import { useConsole } from '@/components/layout/console-context';
import { useDegraded } from '@/components/layout/upstream-status';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';

// The account page's own replace form, loaded on the first click of Replace.
const LinkForm = dynamic(() => import('../../../accounts/[provider]/[externalId]/_components/link-form').then((m) => m.LinkForm), {
  ssr: false,
});

/** One account linked to the application, with unlink and replace: the account page's mutations, from here. */
export function LinkedAccountRow({ account, applicationId, appName }: { account: Account; applicationId: string; appName: string }) {
  const { ws, canChange } = useConsole();
  const degraded = useDegraded();
  const toast = useToast();
  const [confirm, setConfirm] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const unlink = useUnlinkApplication(ws, account.provider, account.externalId);
  const apps = useQuery({ ...applicationsQuery(ws), enabled: replacing });
  const label = account.name ?? account.externalId;
  return (
    <li className="space-y-2 px-3 py-2">
      <div className="flex flex-wrap items-center gap-3">
        <Link href={paths.account(ws, account.provider, account.externalId)} className="text-blue-800 underline dark:text-blue-300">
          {label}
        </Link>
        <span className="font-mono text-xs">{account.externalId}</span>
        {canChange && !replacing ? (
          <span className="ml-auto flex gap-2">
            <Button onClick={() => setReplacing(true)} disabled={degraded} aria-label={`Replace the application of ${label}`}>
              Replace
            </Button>
            <Button variant="danger" onClick={() => setConfirm(true)} disabled={degraded} aria-label={`Unlink ${label}`}>
              Unlink
            </Button>
          </span>
        ) : null}
      </div>
      {replacing && apps.data ? (
        <LinkForm account={account} applications={apps.data} replacing={applicationId} onClose={() => setReplacing(false)} />
      ) : null}
      {replacing && apps.isError ? <p className="text-sm">Could not load the applications. {describeError(apps.error, 'load')}</p> : null}
      <ConfirmDialog
        open={confirm}
        title="Unlink the application?"
        confirmLabel="Unlink"
        pending={unlink.isPending}
        onCancel={() => setConfirm(false)}
        onConfirm={() =>
          unlink.mutate(applicationId, {
            onSuccess: () => toast('success', `Unlinked ${appName} from ${label}.`),
            onError: (e) => toast('error', `Could not unlink ${appName}. ${describeError(e, 'unlink')}`),
            onSettled: () => setConfirm(false),
          })
        }
      >
        <p>
          <strong>{appName}</strong> will no longer receive messages sent to <strong>{label}</strong> until an application is linked again.
        </p>
      </ConfirmDialog>
    </li>
  );
}
