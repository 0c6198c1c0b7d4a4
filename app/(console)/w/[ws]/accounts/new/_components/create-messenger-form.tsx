'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useCreateMessenger } from '@/lib/queries/create-messenger';
import { applicationsQuery } from '@/lib/queries/applications';
import { describeError, fieldErrors } from '@/lib/queries/describe-error';
import { optional, preload } from '@/lib/forms/schema-resolver';
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

const FIELDS = ['externalId', 'accessToken', 'name', 'applicationId'] as const;
type Field = (typeof FIELDS)[number];
type Errors = Partial<Record<Field | 'root', string>>;
// The server's schema, fetched when the form is first focused: zod is not in the page's first load.
const loadSchema = () => import('@/lib/schemas/account').then((m) => m.createMessengerSchema);

const toBody = (form: FormData, applicationId: string) => {
  const text = (k: Field) => String(form.get(k) ?? '');
  return {
    externalId: text('externalId').trim(),
    accessToken: text('accessToken').trim(),
    ...(optional(text('name')) ? { name: optional(text('name')) } : {}),
    ...(applicationId ? { applicationId } : {}),
  };
};

/** Issues and the server's invalidParams on their fields; a name the form does not have goes to `root`. */
function place(into: Errors, name: string, message: string) {
  const key = (FIELDS as readonly string[]).includes(name) ? (name as Field) : 'root';
  into[key] ??= message;
}

/**
 * A plain form, not react-hook-form: four inputs read once on submit do not need it, and it kept this page over
 * its weight budget (docs/performance.md). What was typed stays in the inputs whatever the outcome.
 */
export function CreateMessengerForm() {
  const { ws } = useConsole();
  const router = useRouter();
  const toast = useToast();
  const degraded = useDegraded();
  const apps = useQuery(applicationsQuery(ws));
  const create = useCreateMessenger(ws);
  const [applicationId, setApplicationId] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [submitting, setSubmitting] = useState(false);

  async function submit(formEl: HTMLFormElement) {
    const body = toBody(new FormData(formEl), applicationId);
    // Should the schema fail to load, the body goes out unchecked: the server applies the same schema.
    const schema = await loadSchema().catch(() => null);
    const parsed = schema ? schema.safeParse(body) : { success: true as const, data: body as CreateMessengerBody };
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) place(found, String(issue.path[0] ?? ''), issue.message);
      setErrors(found);
      const first = FIELDS.find((k) => found[k] && k !== 'applicationId');
      if (first) (formEl.elements.namedItem(first) as HTMLElement | null)?.focus();
      return;
    }
    setErrors({});
    try {
      const account = await create.mutateAsync(parsed.data);
      toast('success', `Created the Messenger account ${account.name ?? account.externalId}.`);
      router.push(paths.account(ws, 'messenger', account.externalId));
    } catch (err) {
      const found: Errors = {};
      for (const [name, reason] of Object.entries(fieldErrors(err))) place(found, name, reason);
      const text = describeError(err, 'create');
      setErrors({ ...found, root: text });
      toast('error', `Could not create the account. ${text}`);
    }
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    void submit(e.currentTarget).finally(() => setSubmitting(false));
  }

  return (
    <form method="post" onSubmit={onSubmit} onFocus={preload(loadSchema)} noValidate className="grid gap-5">
      <TextField
        label="Facebook Page id"
        inputMode="numeric"
        autoComplete="off"
        hint="Digits only, as shown in the page’s About section in Facebook."
        error={errors.externalId}
        name="externalId"
      />
      <TextField
        label="Page token"
        {...SECRET_INPUT}
        hint="The page access token from Meta. It is sent to Vonage and never shown again."
        error={errors.accessToken}
        name="accessToken"
      />
      <TextField label="Name (optional)" autoComplete="off" error={errors.name} name="name" />
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
          value={applicationId}
          onChange={setApplicationId}
          allowNone
          error={errors.applicationId}
        />
      )}
      {errors.root ? (
        <Notice tone="error" role="alert">
          {errors.root}
        </Notice>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" pending={submitting} disabled={degraded}>
          Create account
        </Button>
      </div>
    </form>
  );
}
