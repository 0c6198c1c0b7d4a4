'use client';

import { useState } from 'react';
import { signInWithSso } from '@/lib/auth-client';
import { safeCallbackPath } from '@/lib/paths';

/** One button per single sign-on provider in the config. */
export function SsoButtons({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
  const [pending, setPending] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-2">
      {providers.map((p) => (
        <button
          key={p.id}
          type="button"
          disabled={pending !== null}
          onClick={() => {
            setPending(p.id);
            void signInWithSso(p.id, safeCallbackPath(callbackUrl)).catch(() => setPending(null));
          }}
          className="rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-900"
        >
          {pending === p.id ? `Going to ${p.name}…` : `Sign in with ${p.name}`}
        </button>
      ))}
    </div>
  );
}
