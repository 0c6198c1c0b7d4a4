'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Notice } from '@/components/ui/notice';
import { TableHead } from '@/components/ui/table-head';
import { formatWhen } from '@/components/ui/when';
import { useChangePerson, useRevokeSessions } from '@/lib/queries/people';
import type { PersonView } from '@/lib/schemas/people';
import { ROLE_LABELS, type Role } from '@/lib/schemas/roles';
import { peopleError } from './people-words';

function signInWords(source: string): string {
  if (source === 'config') return 'Password (config file)';
  if (source === 'password') return 'Password (invited)';
  return `Single sign-on (${source.slice(4)})`;
}

const when = (iso: string | null) => (iso ? formatWhen(iso) : 'Never');

type Pending = { kind: 'disable' | 'revoke'; person: PersonView } | null;

export function PeopleTable({
  people,
  me,
  roles,
  wsName,
  onDone,
}: {
  people: PersonView[];
  me: string;
  roles: Role[];
  wsName: (id: string | null) => string;
  onDone: (words: string) => void;
}) {
  const change = useChangePerson();
  const revoke = useRevokeSessions();
  const [confirm, setConfirm] = useState<Pending>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>, words: string) => {
    setError(null);
    try {
      await work();
      onDone(words);
    } catch (e) {
      setError(peopleError(e));
    }
  };

  if (people.length === 0) return <p className="text-sm">Nobody yet. Invite someone above.</p>;

  return (
    <>
      {error ? (
        <Notice tone="error" role="alert" title="Not changed">
          {error}
        </Notice>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">People who may sign in</caption>
          <TableHead columns={['Person', 'Role', 'Workspace', 'Signs in with', 'Last seen', 'Actions']} tone="plain" />
          <tbody>
            {people.map((p) => {
              const editable = p.editable && p.source === 'password' && (roles as string[]).includes(p.role);
              return (
                <tr key={p.email} className="border-b border-slate-200 align-top dark:border-slate-800">
                  <td className="py-2 pr-4">
                    <div className="font-medium">{p.name}</div>
                    <div className="text-slate-600 dark:text-slate-400">{p.email}</div>
                    {p.disabled ? <div className="font-medium text-red-700 dark:text-red-400">Disabled</div> : null}
                  </td>
                  <td className="py-2 pr-4">
                    {editable ? (
                      <>
                        <label htmlFor={`role-${p.email}`} className="sr-only">
                          Role of {p.email}
                        </label>
                        <select
                          id={`role-${p.email}`}
                          value={p.role}
                          disabled={change.isPending}
                          onChange={(e) => {
                            const role = e.target.value as Role;
                            void run(
                              () => change.mutateAsync({ email: p.email, change: { role } }),
                              `${p.email} is now ${ROLE_LABELS[role]}.`,
                            );
                          }}
                          className="rounded-md border border-slate-400 bg-white px-2 py-1 dark:border-slate-500 dark:bg-slate-900"
                        >
                          {roles.map((r) => (
                            <option key={r} value={r}>
                              {ROLE_LABELS[r]}
                            </option>
                          ))}
                        </select>
                      </>
                    ) : (
                      <>
                        {ROLE_LABELS[p.role] ?? p.role}
                        {p.source === 'config' ? (
                          <div className="text-xs text-slate-600 dark:text-slate-400">Set in the config file</div>
                        ) : null}
                        {p.source.startsWith('sso:') ? (
                          <div className="text-xs text-slate-600 dark:text-slate-400">From their identity provider’s groups</div>
                        ) : null}
                      </>
                    )}
                  </td>
                  <td className="py-2 pr-4">{wsName(p.workspace)}</td>
                  <td className="py-2 pr-4">{signInWords(p.source)}</td>
                  <td className="py-2 pr-4">
                    {when(p.lastSeenAt)}
                    <div className="text-xs text-slate-600 dark:text-slate-400">
                      {p.activeSessions === 1 ? '1 active session' : `${p.activeSessions} active sessions`}
                    </div>
                  </td>
                  <td className="py-2 pr-4">
                    <div className="flex flex-wrap gap-2">
                      <Button
                        onClick={() => setConfirm({ kind: 'revoke', person: p })}
                        disabled={p.email === me}
                        aria-label={`Sign ${p.email} out everywhere`}
                      >
                        Sign out everywhere
                      </Button>
                      {p.editable && p.source !== 'config' ? (
                        p.disabled ? (
                          <Button
                            onClick={() =>
                              void run(
                                () => change.mutateAsync({ email: p.email, change: { disabled: false } }),
                                `${p.email} may sign in again.`,
                              )
                            }
                            aria-label={`Enable ${p.email}`}
                          >
                            Enable
                          </Button>
                        ) : (
                          <Button
                            variant="danger"
                            onClick={() => setConfirm({ kind: 'disable', person: p })}
                            aria-label={`Disable ${p.email}`}
                          >
                            Disable
                          </Button>
                        )
                      ) : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.kind === 'disable' ? `Disable ${confirm.person.email}?` : `Sign ${confirm?.person.email ?? ''} out everywhere?`}
        confirmLabel={confirm?.kind === 'disable' ? 'Disable' : 'Sign out everywhere'}
        pending={change.isPending || revoke.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const c = confirm;
          if (!c) return;
          const work =
            c.kind === 'disable'
              ? run(
                  () => change.mutateAsync({ email: c.person.email, change: { disabled: true } }),
                  `${c.person.email} is disabled; their sessions ended.`,
                )
              : run(() => revoke.mutateAsync(c.person.email), `Every session of ${c.person.email} ended.`);
          void work.finally(() => setConfirm(null));
        }}
      >
        <p>
          {confirm?.kind === 'disable'
            ? 'They can no longer sign in, and every session they have ends now. You can enable them again later.'
            : 'Every session they have ends now, in every browser. They can sign in again.'}
        </p>
      </ConfirmDialog>
    </>
  );
}
