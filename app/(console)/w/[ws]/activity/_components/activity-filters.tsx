'use client';

import { useState, type FormEvent } from 'react';
import type { ActivityFilters } from '@/lib/queries/activity';
import { optional, preload } from '@/lib/forms/schema-resolver';
import { ACTION_CHOICES, OUTCOME_WORDS } from '@/components/activity/event-words';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';

const FIELDS = ['actor', 'action', 'target', 'outcome', 'from', 'to'] as const;
type Field = (typeof FIELDS)[number];
// The BFF's own query schema judges the filters, fetched when the form is first used.
const loadSchema = () => import('@/lib/schemas/activity').then((m) => m.activityQuerySchema);
const toQuery = (form: FormData) =>
  Object.fromEntries(FIELDS.map((k) => [k, optional(String(form.get(k) ?? ''))]).filter(([, x]) => x !== undefined));

const OUTCOMES = Object.entries(OUTCOME_WORDS).map(([value, label]) => ({ value, label }));

/**
 * Person, action, account, outcome and dates; applying them puts them in the URL. A plain form, not
 * react-hook-form: six inputs read once on submit do not need it, and it kept this page over its weight budget
 * (docs/performance.md). Its inputs start from the URL's filters and start again when those change.
 */
export function ActivityFiltersForm({ value, onApply }: { value: ActivityFilters; onApply: (f: ActivityFilters) => void }) {
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const query = toQuery(new FormData(formEl));
    // Should the schema fail to load, the filters go out unchecked: the BFF applies the same schema.
    const schema = await loadSchema().catch(() => null);
    const result = schema ? schema.safeParse(query) : { success: true as const, data: query as ActivityFilters };
    if (result.success) {
      setErrors({});
      onApply(result.data);
      return;
    }
    const found: Partial<Record<Field, string>> = {};
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '') as Field;
      if (FIELDS.includes(key)) found[key] ??= issue.message;
    }
    setErrors(found);
    const first = FIELDS.find((k) => found[k]);
    if (first) (formEl.elements.namedItem(first) as HTMLElement | null)?.focus();
  }

  const field = (k: Field) => ({ name: k, defaultValue: value[k] ?? '' });
  return (
    <form
      key={JSON.stringify(value)}
      onSubmit={(e) => void onSubmit(e)}
      onFocus={preload(loadSchema)}
      aria-label="Filter the activity"
      className="grid grid-cols-1 gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-3 lg:grid-cols-6 dark:border-slate-800"
      noValidate
    >
      <TextField label="Person (email)" type="email" autoComplete="off" {...field('actor')} error={errors.actor} />
      <SelectField label="Action" choices={ACTION_CHOICES} {...field('action')} />
      <TextField label="Account or target id" autoComplete="off" {...field('target')} error={errors.target} />
      <SelectField label="Outcome" choices={OUTCOMES} {...field('outcome')} />
      <TextField label="From" type="date" {...field('from')} error={errors.from} />
      <TextField label="To" type="date" {...field('to')} error={errors.to} />
      <div className="flex gap-2 sm:col-span-3 lg:col-span-6">
        <Button type="submit" variant="primary">
          Apply filters
        </Button>
        <Button
          type="button"
          onClick={(e) => {
            e.currentTarget.form?.reset();
            setErrors({});
            onApply({});
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
