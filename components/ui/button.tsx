import type { ButtonHTMLAttributes } from 'react';
import { useHydrated } from './use-hydrated';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

const BASE =
  'inline-flex items-center justify-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium transition-colors ' +
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ' +
  'disabled:cursor-not-allowed disabled:opacity-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-blue-700 text-white hover:bg-blue-800 dark:bg-blue-500 dark:text-slate-950 dark:hover:bg-blue-400',
  secondary:
    'border border-slate-300 bg-white text-slate-900 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800',
  danger: 'bg-red-700 text-white hover:bg-red-800 dark:bg-red-500 dark:text-slate-950 dark:hover:bg-red-400',
  ghost: 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800',
};

/** The same look for buttons and for links that act as buttons. */
export const buttonClass = (variant: Variant = 'secondary', extra = '') => `${BASE} ${VARIANTS[variant]} ${extra}`;

export function Button({
  variant = 'secondary',
  pending = false,
  className = '',
  children,
  disabled,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; pending?: boolean; ref?: React.Ref<HTMLButtonElement> }) {
  // Every button acts through script, a click handler or its form's submit handler: until the page has hydrated it is
  // disabled, so an early click waits instead of doing nothing, or of sending the form to the page itself (whose
  // answer is the same empty form: what was typed would be lost). A disabled default button also stops Enter.
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      {...rest}
      disabled={disabled || pending || !hydrated}
      aria-busy={pending || undefined}
      className={buttonClass(variant, className)}
    >
      {pending ? <Spinner /> : null}
      {children}
    </button>
  );
}

function Spinner() {
  return (
    <span
      aria-hidden="true"
      className="inline-block size-3.5 animate-spin rounded-full border-2 border-current border-r-transparent motion-reduce:animate-none"
    />
  );
}
