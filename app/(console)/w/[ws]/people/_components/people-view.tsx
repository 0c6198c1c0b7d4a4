'use client';

import { useState } from 'react';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { TableHead } from '@/components/ui/table-head';
import { usePeople } from '@/lib/queries/people';
import { ROLE_LABELS, type Role } from '@/lib/schemas/roles';
import { InviteForm } from './invite-form';
import { PeopleTable } from './people-table';
import { peopleError, type Choice } from './people-words';
import { formatWhen } from '@/components/ui/when';

export function PeopleView(props: { me: string; isAdmin: boolean; roles: Role[]; workspaces: Choice[]; defaultWorkspace: string }) {
  const people = usePeople();
  const [announce, setAnnounce] = useState('');
  const wsName = (id: string | null) => (id ? (props.workspaces.find((w) => w.id === id)?.name ?? id) : '—');
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold">People</h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {props.isAdmin ? 'Everyone who may sign in to the console.' : 'The people of your workspace who may sign in.'}
        </p>
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {announce}
      </p>
      <InviteForm {...props} onDone={setAnnounce} />
      <section aria-labelledby="people-heading" className="flex flex-col gap-3">
        <h2 id="people-heading" className="text-lg font-semibold">
          Who may sign in
        </h2>
        {people.isPending ? (
          <div aria-busy="true" aria-label="Loading people" className="flex flex-col gap-2">
            <Skeleton className="h-8" />
            <Skeleton className="h-8" />
            <Skeleton className="h-8" />
          </div>
        ) : people.isError ? (
          <Notice tone="error" role="alert" title="The people could not be loaded">
            {peopleError(people.error)}
          </Notice>
        ) : (
          <PeopleTable people={people.data.people} me={props.me} roles={props.roles} wsName={wsName} onDone={setAnnounce} />
        )}
      </section>
      {people.data && people.data.invitations.length > 0 ? (
        <section aria-labelledby="pending-heading" className="flex flex-col gap-3">
          <h2 id="pending-heading" className="text-lg font-semibold">
            Invitations not used yet
          </h2>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Invitations not used yet</caption>
              <TableHead columns={['Email', 'Role', 'Workspace', 'Invited by', 'Valid until']} tone="plain" />
              <tbody>
                {people.data.invitations.map((i) => (
                  <tr key={i.id} className="border-b border-slate-200 dark:border-slate-800">
                    <td className="py-2 pr-4">{i.email}</td>
                    <td className="py-2 pr-4">{ROLE_LABELS[i.role as Role] ?? i.role}</td>
                    <td className="py-2 pr-4">{wsName(i.workspace)}</td>
                    <td className="py-2 pr-4">{i.invitedBy ?? 'a shell command'}</td>
                    <td className="py-2 pr-4">
                      <time dateTime={i.expiresAt}>{formatWhen(i.expiresAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
