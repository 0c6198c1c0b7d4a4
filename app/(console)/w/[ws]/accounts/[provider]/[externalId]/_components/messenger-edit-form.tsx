'use client';

import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useUpdateMessenger } from '@/lib/queries/account-mutations';
import { optional, preload, schemaResolver } from '@/lib/forms/schema-resolver';
import { showServerErrors } from '@/lib/forms/server-errors';
import type { Account, UpdateMessengerBody } from '@/lib/schemas/account';
import { Button } from '@/components/ui/button';
import { SECRET_INPUT, TextField } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { useToast } from '@/components/ui/toast';
import { useConsole } from '@/components/layout/console-context';
import { useDegraded } from '@/components/layout/upstream-status';

interface Values {
  name: string;
  accessToken: string;
}
const FIELDS = ['name', 'accessToken'] as const;
const loadSchema = () => import('@/lib/schemas/account').then((m) => m.updateMessengerSchema);

/** Rename, rotate the Page token, or both. The token field is never filled in: the old token never reaches the browser. */
export function MessengerEditForm({ account, onClose }: { account: Account; onClose: () => void }) {
  const { ws } = useConsole();
  const toast = useToast();
  const degraded = useDegraded();
  const update = useUpdateMessenger(ws, account.externalId);
  const toBody = (v: Values) => ({
    ...(v.name.trim() !== (account.name ?? '') ? { name: optional(v.name) ?? '' } : {}),
    ...(optional(v.accessToken) ? { accessToken: optional(v.accessToken) } : {}),
  });
  const form = useForm<Values, unknown, UpdateMessengerBody>({
    defaultValues: { name: account.name ?? '', accessToken: '' },
    resolver: schemaResolver(loadSchema, toBody, FIELDS),
  });
  const { errors } = form.formState;
  // The button that opened the form is gone: focus moves to the first field rather than to the page's top.
  const { setFocus } = form;
  useEffect(() => setFocus('name'), [setFocus]);

  const onSubmit = form.handleSubmit((body) =>
    update.mutateAsync(body).then(
      (updated) => {
        const what = [body.name !== undefined && 'name', body.accessToken !== undefined && 'Page token'].filter(Boolean).join(' and ');
        toast('success', `Saved the ${what} of ${updated.name ?? updated.externalId}.`);
        onClose();
      },
      (err: unknown) => toast('error', `Could not save the changes. ${showServerErrors(form.setError, err, FIELDS, 'update')}`),
    ),
  );

  return (
    <form
      method="post"
      onSubmit={onSubmit}
      onFocus={preload(loadSchema)}
      noValidate
      aria-label="Rename or rotate the Page token"
      className="grid max-w-xl gap-4"
    >
      <TextField label="Name" autoComplete="off" error={errors.name?.message} {...form.register('name')} />
      <TextField
        label="New Page token"
        {...SECRET_INPUT}
        hint="Leave empty to keep the current token. The current token is never shown."
        error={errors.accessToken?.message}
        {...form.register('accessToken')}
      />
      {errors.root?.message ? <p className="text-sm text-red-700 dark:text-red-400">{errors.root.message}</p> : null}
      {errors.root?.server?.message ? (
        <Notice tone="error" role="alert">
          {errors.root.server.message}
        </Notice>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" pending={form.formState.isSubmitting} disabled={degraded}>
          Save changes
        </Button>
        <Button onClick={onClose} disabled={form.formState.isSubmitting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
