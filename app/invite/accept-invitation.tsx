'use client';

import { useEffect, useState, useSyncExternalStore, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { signInWithPassword } from '@/lib/auth-client';
import { paths } from '@/lib/paths';
import { apiFetch, ApiError } from '@/lib/queries/api';
import { fieldErrors } from '@/lib/queries/describe-error';
import { acceptInvitationSchema, type OpenedInvitationView } from '@/lib/schemas/people';
import { ROLE_LABELS, type Role } from '@/lib/schemas/roles';
import { formatWhen } from '@/components/ui/when';

type Opened = { phase: 'refused'; words: string } | { phase: 'open'; invitation: OpenedInvitationView };

/** The token, from the fragment: null while rendering on the server (it never sees the fragment). */
const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};
const useToken = () =>
  useSyncExternalStore(
    subscribe,
    () => window.location.hash.slice(1),
    () => null,
  );

const words = (e: unknown) =>
  e instanceof ApiError && e.problem?.detail
    ? e.problem.detail
    : 'The console could not be reached. Check your connection and reload the page.';

/** Opens the invitation named in the fragment, then lets the person choose their password and signs them in. */
export function AcceptInvitation() {
  const token = useToken();
  const [opened, setOpened] = useState<Opened | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!token) return;
    apiFetch<OpenedInvitationView>('/api/invitations/open', { method: 'POST', body: { token } }).then(
      (invitation) => setOpened({ phase: 'open', invitation }),
      (e: unknown) => setOpened({ phase: 'refused', words: words(e) }),
    );
  }, [token]);

  const state: Opened | null =
    token === '' ? { phase: 'refused', words: 'This page opens from an invitation link. Ask for a new one.' } : opened;
  if (!state) return <p role="status">Opening your invitation…</p>;
  if (state.phase === 'refused')
    return (
      <Notice tone="error" role="alert" title="This invitation cannot be used">
        <p>{state.words}</p>
        <p className="mt-2">
          <a href={paths.signIn()} className="underline">
            Go to sign-in
          </a>
        </p>
      </Notice>
    );

  const { invitation } = state;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get('password') ?? '');
    const raw = {
      token: token ?? '',
      name: String(form.get('name') ?? ''),
      password,
      ...(invitation.email ? {} : { email: String(form.get('email') ?? '') }),
    };
    const parsed = acceptInvitationSchema.safeParse(raw);
    const next: Record<string, string> = parsed.success
      ? {}
      : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'password'), i.message]));
    if (password !== String(form.get('confirm') ?? '')) next.confirm = 'The two passwords differ.';
    setErrors(next);
    setFailure(null);
    if (!parsed.success || next.confirm) return;
    setPending(true);
    try {
      const { email } = await apiFetch<{ email: string }>('/api/invitations/accept', { method: 'POST', body: parsed.data });
      const signedIn = await signInWithPassword(email, password);
      if (signedIn.ok) {
        window.location.assign(paths.home());
        return;
      }
      window.location.assign(paths.signIn());
    } catch (err) {
      setPending(false);
      const fields = fieldErrors(err);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(words(err));
    }
  }

  const role = ROLE_LABELS[invitation.role as Role] ?? invitation.role;
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-lg font-semibold">{invitation.kind === 'first-admin' ? 'Make the first admin' : 'Accept your invitation'}</h2>
      <p className="text-sm">
        {invitation.email ? (
          <>
            For <strong>{invitation.email}</strong>, as {role}
          </>
        ) : (
          <>As {role}</>
        )}
        {invitation.workspaceName ? <> of {invitation.workspaceName}</> : null}. This link works once, until{' '}
        {formatWhen(invitation.expiresAt)}.
      </p>
      <form method="post" onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        {invitation.email ? null : (
          <TextField label="Email" name="email" type="email" autoComplete="username" required error={errors.email} />
        )}
        <TextField label="Your name" name="name" autoComplete="name" required error={errors.name} />
        <TextField
          label="Choose a password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 12 characters, and not one of the most common passwords."
          error={errors.password}
        />
        <TextField
          label="The same password again"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirm}
        />
        {failure ? (
          <Notice tone="error" role="alert">
            {failure}
          </Notice>
        ) : null}
        <Button type="submit" variant="primary" pending={pending}>
          Set password and sign in
        </Button>
      </form>
    </div>
  );
}
