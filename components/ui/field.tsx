import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/** A secret (a Page token): hidden on screen, never remembered or spell-checked by the browser. */
export const SECRET_INPUT = { type: 'password', autoComplete: 'off', spellCheck: false } as const;

/** A labelled input whose hint and error are read out with it (aria-describedby). */
export function TextField({
  label,
  hint,
  error,
  className = '',
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode; error?: string; ref?: React.Ref<HTMLInputElement> }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        className="rounded-md border border-slate-400 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600 aria-invalid:border-red-700 dark:border-slate-500 dark:bg-slate-900 dark:aria-invalid:border-red-400"
      />
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled select of choices, "Any" first (a filter). */
export function SelectField({
  label,
  choices,
  ...select
}: React.SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  choices: { value: string; label: string }[];
  ref?: React.Ref<HTMLSelectElement>;
}) {
  const id = useId();
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        {...select}
        className="w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-500 dark:bg-slate-900"
      >
        <option value="">Any</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}
