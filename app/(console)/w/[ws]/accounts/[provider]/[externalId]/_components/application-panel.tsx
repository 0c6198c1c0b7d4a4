'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useRef, useState } from 'react';
import { applicationsQuery } from '@/lib/queries/applications';
import { useUnlinkApplication } from '@/lib/queries/account-mutations';
import { describeError } from '@/lib/queries/describe-error';
import type { Account } from '@/lib/schemas/account';
import type { Application } from '@/lib/schemas/application';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { useConsole } from '@/components/layout/console-context';
import { useDegraded } from '@/components/layout/upstream-status';

// Only after a click on Link or Replace: the form (and the zod schema it checks the choice with) is not in the page's first load.
const LinkForm = dynamic(() => import('./link-form').then((m) => m.LinkForm), { ssr: false });

export const appLabel = (id: string, apps: Map<string, Application> | undefined) => apps?.get(id)?.name ?? id;

function LinkedApplication({ id, app }: { id: string; app: Application | undefined }) {
  const url = (u: string | null | undefined) => (u ? <span className="font-mono break-all">{u}</span> : 'Not set');
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
      <dt className="font-medium text-slate-700 dark:text-slate-300">Name</dt>
      <dd>{app?.name ?? 'Not in this workspace’s application list'}</dd>
      <dt className="font-medium text-slate-700 dark:text-slate-300">Application id</dt>
      <dd className="font-mono break-all">{id}</dd>
      <dt className="font-medium text-slate-700 dark:text-slate-300">Inbound URL</dt>
      <dd>{app ? url(app.inboundUrl) : 'Unknown'}</dd>
      <dt className="font-medium text-slate-700 dark:text-slate-300">Status URL</dt>
      <dd>{app ? url(app.statusUrl) : 'Unknown'}</dd>
    </dl>
  );
}

export function ApplicationPanel({ account }: { account: Account }) {
  const { ws, canChange } = useConsole();
  const degraded = useDegraded();
  const toast = useToast();
  const queryClient = useQueryClient();
  const apps = useQuery(applicationsQuery(ws));
  const byId = apps.data ? new Map(apps.data.map((a) => [a.id, a])) : undefined;
  // A change's outcome is announced with the name known when it settles, not when it was asked (the list may have loaded since).
  const settledLabel = (id: string) => queryClient.getQueryData(applicationsQuery(ws).queryKey)?.find((a) => a.id === id)?.name ?? id;
  const linkedId = account.applications[0];
  const [mode, setMode] = useState<'link' | 'replace' | null>(null);
  const [confirmUnlink, setConfirmUnlink] = useState(false);
  const unlink = useUnlinkApplication(ws, account.provider, account.externalId);
  const accountName = account.name ?? account.externalId;
  // After a change the control that was used may be gone (Unlink, the form): focus goes to the section, not the page's top.
  const heading = useRef<HTMLHeadingElement>(null);
  const refocus = () => requestAnimationFrame(() => heading.current?.focus());

  return (
    <section aria-labelledby="app-heading" className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="app-heading" ref={heading} tabIndex={-1} className="font-semibold focus:outline-none">
        Linked application
      </h2>
      {linkedId ? (
        apps.isPending ? (
          <Skeleton className="h-20 w-full" />
        ) : (
          <LinkedApplication id={linkedId} app={byId?.get(linkedId)} />
        )
      ) : (
        <p className="text-sm">No application is linked. Messages sent to this account reach no application until one is.</p>
      )}
      {apps.isError ? (
        <Notice tone="warning">Could not load the workspace’s applications: {describeError(apps.error, 'load')}</Notice>
      ) : null}
      {canChange && mode === null ? (
        <div className="flex flex-wrap items-center gap-2">
          {linkedId ? (
            <>
              <Button onClick={() => setMode('replace')} disabled={degraded || !apps.data}>
                Replace application
              </Button>
              <Button variant="danger" onClick={() => setConfirmUnlink(true)} disabled={degraded}>
                Unlink application
              </Button>
            </>
          ) : (
            <Button variant="primary" onClick={() => setMode('link')} disabled={degraded || !apps.data}>
              Link an application
            </Button>
          )}
          {degraded ? <p className="text-sm">Changes are switched off while Vonage is failing.</p> : null}
        </div>
      ) : null}
      {canChange && mode !== null && apps.data ? (
        <LinkForm
          account={account}
          applications={apps.data}
          replacing={mode === 'replace' ? linkedId : undefined}
          onClose={() => {
            setMode(null);
            refocus();
          }}
        />
      ) : null}
      {linkedId ? (
        <ConfirmDialog
          open={confirmUnlink}
          title="Unlink the application?"
          confirmLabel="Unlink"
          pending={unlink.isPending}
          onCancel={() => setConfirmUnlink(false)}
          onConfirm={() =>
            unlink.mutate(linkedId, {
              onSuccess: () => {
                toast('success', `Unlinked ${settledLabel(linkedId)} from ${accountName}.`);
                refocus();
              },
              onError: (e) => toast('error', `Could not unlink ${settledLabel(linkedId)}. ${describeError(e, 'unlink')}`),
              onSettled: () => setConfirmUnlink(false),
            })
          }
        >
          <p>
            <strong>{appLabel(linkedId, byId)}</strong> will no longer receive messages sent to <strong>{accountName}</strong> until an
            application is linked again.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
