'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { useCreateMessenger } from '@/lib/queries/create-messenger';
import { applicationsQuery } from '@/lib/queries/applications';
import { describeError } from '@/lib/queries/describe-error';
import { optional, preload, schemaResolver } from '@/lib/forms/schema-resolver';
import { showServerErrors } from '@/lib/forms/server-errors';
import type { CreateMessengerBody } from '@/lib/schemas/account';
import { Button } from '@/components/ui/button';
import { SECRET_INPUT, TextField } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { ApplicationPicker } from '@/components/accounts/application-picker';
import { useConsole } from '@/components/layout/console-context';
import { useDegraded } from '@/components/layout/upstream-status';
import { paths } from '@/lib/paths';

interface Values {
  externalId: string;
  accessToken: string;
  name: string;
  applicationId: string;
}
const FIELDS = ['externalId', 'accessToken', 'name', 'applicationId'] as const;
// The server's schema, fetched when the form is first focused: zod is not in the page's first load.
const loadSchema = () => import('@/lib/schemas/account').then((m) => m.createMessengerSchema);

const toBody = (v: Values) => ({
  externalId: v.externalId.trim(),
  accessToken: v.accessToken.trim(),
  ...(optional(v.name) ? { name: optional(v.name) } : {}),
  ...(v.applicationId ? { applicationId: v.applicationId } : {}),
});

export function CreateMessengerForm() {
  const { ws } = useConsole();
  const router = useRouter();
  const toast = useToast();
  const degraded = useDegraded();
  const apps = useQuery(applicationsQuery(ws));
  const create = useCreateMessenger(ws);
  const form = useForm<Values, unknown, CreateMessengerBody>({
    defaultValues: { externalId: '', accessToken: '', name: '', applicationId: '' },
    resolver: schemaResolver(loadSchema, toBody, FIELDS),
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((body) =>
    create.mutateAsync(body).then(
      (account) => {
        toast('success', `Created the Messenger account ${account.name ?? account.externalId}.`);
        router.push(paths.account(ws, 'messenger', account.externalId));
      },
      (err: unknown) => toast('error', `Could not create the account. ${showServerErrors(form.setError, err, FIELDS, 'create')}`),
    ),
  );

  return (
    <form onSubmit={onSubmit} onFocus={preload(loadSchema)} noValidate className="grid gap-5">
      <TextField
        label="Facebook Page id"
        inputMode="numeric"
        autoComplete="off"
        hint="Digits only, as shown in the page’s About section in Facebook."
        error={errors.externalId?.message}
        {...form.register('externalId')}
      />
      <TextField
        label="Page token"
        {...SECRET_INPUT}
        hint="The page access token from Meta. It is sent to Vonage and never shown again."
        error={errors.accessToken?.message}
        {...form.register('accessToken')}
      />
      <TextField label="Name (optional)" autoComplete="off" error={errors.name?.message} {...form.register('name')} />
      {apps.isPending ? (
        <Skeleton className="h-24 w-full" />
      ) : apps.isError ? (
        <Notice tone="warning">
          The applications could not be loaded, so none can be linked now ({describeError(apps.error, 'load')}). You can create the account
          and link one later.
        </Notice>
      ) : (
        <ApplicationPicker
          legend="Application (optional)"
          applications={apps.data}
          field={form.register('applicationId')}
          allowNone
          error={errors.applicationId?.message}
        />
      )}
      {errors.root?.server?.message ? (
        <Notice tone="error" role="alert">
          {errors.root.server.message}
        </Notice>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" pending={form.formState.isSubmitting} disabled={degraded}>
          Create account
        </Button>
      </div>
    </form>
  );
}
