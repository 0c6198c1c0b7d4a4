'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ReplaceError, useLinkApplication, useReplaceApplication } from '@/lib/queries/account-mutations';
import { describeError, fieldErrors } from '@/lib/queries/describe-error';
import { linkApplicationSchema, type Account } from '@/lib/schemas/account';
import type { Application } from '@/lib/schemas/application';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { useToast } from '@/components/ui/toast';
import { useConsole } from '@/components/layout/console-context';
import { ApplicationPicker } from '@/components/accounts/application-picker';

/** Link an application, or replace the linked one (`replacing`): Vonage has no replace, so it is unlink then link. */
export function LinkForm({
  account,
  applications,
  replacing,
  onClose,
}: {
  account: Account;
  applications: Application[];
  replacing?: string;
  onClose: () => void;
}) {
  const { ws } = useConsole();
  const toast = useToast();
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<string | undefined>();
  const link = useLinkApplication(ws, account.provider, account.externalId);
  const replace = useReplaceApplication(ws, account.provider, account.externalId);
  const pending = link.isPending || replace.isPending;
  const name = (id: string) => applications.find((a) => a.id === id)?.name ?? id;
  const accountName = account.name ?? account.externalId;
  // The button that opened the form is gone: focus moves to the first choice rather than to the page's top.
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => formRef.current?.querySelector<HTMLInputElement>('input[type=radio]:not(:disabled)')?.focus(), []);

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = linkApplicationSchema.safeParse({ applicationId: choice });
    if (!parsed.success) {
      setError('Choose an application with the Messages capability.');
      return;
    }
    setError(undefined);
    setOutcome(undefined);
    const to = parsed.data.applicationId;
    const fail = (err: unknown) => {
      const text = failureText(err, name(to), replacing ? name(replacing) : undefined);
      setError(fieldErrors(err).applicationId);
      setOutcome(text);
      toast('error', text);
    };
    if (replacing) {
      replace.mutate(
        { from: replacing, to },
        {
          onSuccess: () => {
            toast('success', `Replaced ${name(replacing)} with ${name(to)} on ${accountName}.`);
            onClose();
          },
          onError: fail,
        },
      );
    } else {
      link.mutate(to, {
        onSuccess: () => {
          toast('success', `Linked ${name(to)} to ${accountName}.`);
          onClose();
        },
        onError: fail,
      });
    }
  }

  return (
    <form
      method="post"
      ref={formRef}
      onSubmit={submit}
      noValidate
      className="space-y-3 border-t border-slate-200 pt-3 dark:border-slate-800"
      aria-label={replacing ? 'Replace the application' : 'Link an application'}
    >
      <ApplicationPicker
        legend={replacing ? `Replace ${name(replacing)} with` : 'Application to link'}
        applications={applications}
        value={choice}
        onChange={(id) => {
          setChoice(id);
          setError(undefined);
        }}
        currentId={replacing}
        error={error}
        disabled={pending}
      />
      {outcome ? (
        <Notice tone="error" role="alert">
          {outcome}
        </Notice>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" pending={pending}>
          {replacing ? 'Replace' : 'Link'}
        </Button>
        <Button onClick={onClose} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function failureText(err: unknown, to: string, from: string | undefined): string {
  if (!(err instanceof ReplaceError))
    return `Could not ${from ? `replace ${from}` : `link ${to}`}. ${describeError(err, from ? 'unlink' : 'link')}`;
  const why = describeError(err.cause, 'link');
  return err.restored
    ? `Could not link ${to}, so ${from} is linked again. ${why}`
    : `Could not link ${to}, and putting ${from} back failed too: this account now has no application. ${why} Link one below when Vonage answers again.`;
}
