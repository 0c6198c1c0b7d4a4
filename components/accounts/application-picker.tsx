'use client';

import { useId } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import type { Application } from '@/lib/schemas/application';

/** Controlled (`value`, `onChange`), or registered with react-hook-form (`field`), which then holds the choice. */
type Selection =
  { value: string; onChange: (id: string) => void; field?: never } | { field: UseFormRegisterReturn; value?: never; onChange?: never };

/**
 * A radio group of the workspace's applications. Only applications with the
 * Messages capability can be chosen; the others are listed, disabled, with the
 * reason, so that a missing one is explained rather than hidden.
 */
export function ApplicationPicker({
  applications,
  value,
  onChange,
  field,
  legend,
  currentId,
  allowNone,
  error,
  disabled,
}: Selection & {
  applications: Application[];
  legend: string;
  currentId?: string;
  allowNone?: boolean;
  error?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const sorted = [...applications].sort((a, b) => Number(b.messages) - Number(a.messages) || a.name.localeCompare(b.name));
  const options = [
    ...(allowNone
      ? [
          {
            id: '',
            name: 'No application for now',
            reason: undefined as string | undefined,
            detail: undefined as string | undefined,
            inbound: null as string | null,
          },
        ]
      : []),
    ...sorted.map((a) => ({
      id: a.id,
      name: a.name,
      detail: a.id,
      inbound: a.messages ? a.inboundUrl : null,
      reason: a.id === currentId ? 'Linked now' : a.messages ? undefined : 'Cannot be linked: no Messages capability',
    })),
  ];
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} disabled={disabled} className="min-w-0">
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      {options.length === 0 ? (
        <p className="text-sm">This workspace has no applications. Create one in the Vonage API Dashboard first.</p>
      ) : null}
      <ul className="max-h-[28rem] space-y-1 overflow-y-auto rounded-md border border-slate-200 p-1 dark:border-slate-800">
        {options.map((o) => {
          const optionId = `${id}-${o.id || 'none'}`;
          return (
            <li key={o.id || 'none'}>
              <label
                htmlFor={optionId}
                className={`flex items-start gap-3 rounded px-2 py-2 text-sm ${o.reason ? 'text-slate-500 dark:text-slate-400' : 'cursor-pointer hover:bg-slate-50 dark:hover:bg-slate-800'}`}
              >
                <input
                  id={optionId}
                  type="radio"
                  {...(field ?? { name: id, checked: value === o.id, onChange: () => onChange(o.id) })}
                  value={o.id}
                  disabled={Boolean(o.reason)}
                  aria-describedby={o.reason ? `${optionId}-reason` : undefined}
                  className="mt-0.5 size-4 accent-blue-700"
                />
                <span className="min-w-0">
                  <span className="block font-medium">{o.name}</span>
                  {o.detail ? <span className="block font-mono text-xs break-all">{o.detail}</span> : null}
                  {o.inbound ? (
                    <span className="block text-xs break-all text-slate-600 dark:text-slate-400">Inbound: {o.inbound}</span>
                  ) : null}
                  {o.reason ? (
                    <span id={`${optionId}-reason`} className="block text-xs">
                      {o.reason}
                    </span>
                  ) : null}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
