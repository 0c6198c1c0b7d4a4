'use client';

import { useState, type FormEvent } from 'react';
import { safeCallbackPath } from '@/lib/paths';
import { signInWithPassword } from '@/lib/auth-client';
import { useHydrated } from '@/components/ui/use-hydrated';

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: string | null }) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  // Until the page has hydrated the button waits (see components/ui/button.tsx): a password never goes to the page.
  const hydrated = useHydrated();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const result = await signInWithPassword(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
    if (result.ok) {
      // Checked again here: the page's own check could be bypassed, a navigation to another site must not.
      window.location.assign(safeCallbackPath(callbackUrl));
      return;
    }
    setPending(false);
    const n = result.retryAfterS;
    setError(
      result.detail ??
        (n
          ? `Too many sign-ins right now. Try again in ${n} second${n === 1 ? '' : 's'}.`
          : 'Sign-in failed. Check the email and password.'),
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Email
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          className="rounded-md border border-slate-300 px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="rounded-md border border-slate-300 px-3 py-2 text-base dark:border-slate-700 dark:bg-slate-900"
        />
      </label>
      <p role="alert" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
      <button
        type="submit"
        disabled={pending || !hydrated}
        className="rounded-md bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
