'use client';

import { useForm } from 'react-hook-form';
import type { ActivityFilters } from '@/lib/queries/activity';
import { optional, preload, schemaResolver } from '@/lib/forms/schema-resolver';
import { ACTION_CHOICES, OUTCOME_WORDS } from '@/components/activity/event-words';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';

type Values = Required<{ [K in keyof ActivityFilters]: string }>;
const FIELDS = ['actor', 'action', 'target', 'outcome', 'from', 'to'] as const;
// The BFF's own query schema judges the filters, fetched when the form is first used.
const loadSchema = () => import('@/lib/schemas/activity').then((m) => m.activityQuerySchema);
const toQuery = (v: Values) => Object.fromEntries(FIELDS.map((k) => [k, optional(v[k])]).filter(([, x]) => x !== undefined));

const OUTCOMES = Object.entries(OUTCOME_WORDS).map(([value, label]) => ({ value, label }));

/** Person, action, account, outcome and dates; applying them puts them in the URL. */
export function ActivityFiltersForm({ value, onApply }: { value: ActivityFilters; onApply: (f: ActivityFilters) => void }) {
  const form = useForm<Values, unknown, ActivityFilters>({
    values: { actor: '', action: '', target: '', outcome: '', from: '', to: '', ...value } as Values,
    resolver: schemaResolver(loadSchema, toQuery, FIELDS),
  });
  const { errors } = form.formState;
  return (
    <form
      onSubmit={form.handleSubmit(onApply)}
      onFocus={preload(loadSchema)}
      aria-label="Filter the activity"
      className="grid grid-cols-1 gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-3 lg:grid-cols-6 dark:border-slate-800"
      noValidate
    >
      <TextField label="Person (email)" type="email" autoComplete="off" {...form.register('actor')} error={errors.actor?.message} />
      <SelectField label="Action" choices={ACTION_CHOICES} {...form.register('action')} />
      <TextField label="Account or target id" autoComplete="off" {...form.register('target')} error={errors.target?.message} />
      <SelectField label="Outcome" choices={OUTCOMES} {...form.register('outcome')} />
      <TextField label="From" type="date" {...form.register('from')} error={errors.from?.message} />
      <TextField label="To" type="date" {...form.register('to')} error={errors.to?.message} />
      <div className="flex gap-2 sm:col-span-3 lg:col-span-6">
        <Button type="submit" variant="primary">
          Apply filters
        </Button>
        <Button type="button" onClick={() => onApply({})}>
          Clear
        </Button>
      </div>
    </form>
  );
}
