'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { fieldErrors } from '@/lib/queries/describe-error';
import { useInvite, type MadeInvitation } from '@/lib/queries/people';
import type { InvitationInput } from '@/lib/schemas/people';
import { isCustomerRole, ROLE_LABELS, type Role } from '@/lib/schemas/roles';
import { peopleError, type Choice } from './people-words';
import { formatWhen } from '@/components/ui/when';

// The server's schema, fetched when the form is first used: zod is not in the page's first load (docs/performance.md).
const loadSchema = () => import('@/lib/schemas/people').then((m) => m.invitationSchema);
const preloadSchema = () => void loadSchema().catch(() => {});

const SELECT =
  'rounded-md border border-slate-400 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-500 dark:bg-slate-900';

/** Invite someone: the link is shown here to copy (and mailed when the server can), valid 72 hours, once. */
export function InviteForm({
  isAdmin,
  roles,
  workspaces,
  defaultWorkspace,
  onDone,
}: {
  isAdmin: boolean;
  roles: Role[];
  workspaces: Choice[];
  defaultWorkspace: string;
  onDone: (words: string) => void;
}) {
  const invite = useInvite();
  const [role, setRole] = useState<Role>(isAdmin ? 'support' : 'customer-viewer');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [made, setMade] = useState<MadeInvitation | null>(null);
  const [copied, setCopied] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const raw = {
      email: String(form.get('email') ?? ''),
      role,
      ...(isCustomerRole(role) && isAdmin ? { workspace: String(form.get('workspace') ?? '') } : {}),
    };
    // Should the schema fail to load, the body goes out unchecked: the server applies the same schema and its
    // field errors are shown on the fields.
    const schema = await loadSchema().catch(() => null);
    const parsed = schema ? schema.safeParse(raw) : { success: true as const, data: raw as InvitationInput };
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'email'), i.message])));
      return;
    }
    setErrors({});
    setMade(null);
    setCopied(false);
    try {
      const result = await invite.mutateAsync(parsed.data);
      setMade(result);
      formEl.reset();
      onDone(`Invitation made for ${result.email}.`);
    } catch (err) {
      setErrors(fieldErrors(err));
    }
  }

  return (
    <section aria-labelledby="invite-heading" className="flex flex-col gap-3 rounded-md border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="invite-heading" className="text-lg font-semibold">
        Invite someone
      </h2>
      <form method="post" onSubmit={onSubmit} onFocus={preloadSchema} noValidate className="flex flex-wrap items-end gap-3">
        <TextField label="Email" name="email" type="email" autoComplete="off" required error={errors.email} className="min-w-64" />
        <div className="flex flex-col gap-1">
          <label htmlFor="invite-role" className="text-sm font-medium">
            Role
          </label>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)} className={SELECT}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        {isAdmin && isCustomerRole(role) ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="invite-workspace" className="text-sm font-medium">
              Workspace
            </label>
            <select id="invite-workspace" name="workspace" defaultValue={defaultWorkspace} className={SELECT}>
              {workspaces.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
            {errors.workspace ? <p className="text-sm text-red-700 dark:text-red-400">{errors.workspace}</p> : null}
          </div>
        ) : null}
        <Button type="submit" variant="primary" pending={invite.isPending}>
          Invite
        </Button>
      </form>
      {invite.isError && Object.keys(errors).length === 0 ? (
        <Notice tone="error" role="alert" title="The invitation was not made">
          {peopleError(invite.error)}
        </Notice>
      ) : null}
      {made ? (
        <Notice tone="info" role="status" title={`Invitation for ${made.email}`}>
          <p>
            {made.mailed ? 'It was sent by mail. ' : 'Send this link to them yourself: no mail server is set up. '}
            It works once, until {formatWhen(made.expiresAt)}.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <label htmlFor="invite-link" className="sr-only">
              Invitation link
            </label>
            <input
              id="invite-link"
              readOnly
              value={made.link}
              onFocus={(e) => e.currentTarget.select()}
              className="min-w-0 flex-1 rounded-md border border-slate-400 bg-white px-2 py-1 font-mono text-xs dark:border-slate-500 dark:bg-slate-900"
            />
            <Button
              onClick={() => {
                void navigator.clipboard?.writeText(made.link).then(() => setCopied(true));
              }}
            >
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          </div>
        </Notice>
      ) : null}
    </section>
  );
}
