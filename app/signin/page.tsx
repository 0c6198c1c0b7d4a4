import type { Metadata } from 'next';
import { safeCallbackPath } from '@/lib/paths';
import { getConfig } from '@/lib/config/load';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

const DEMO_USERS = [
  { email: 'admin@demo.test', role: 'admin: every workspace, and people' },
  { email: 'support@demo.test', role: 'support: every workspace, may change' },
  { email: 'viewer@demo.test', role: 'viewer: every workspace, read only' },
  { email: 'owner@acme.test', role: 'customer of Acme Corp' },
  { email: 'owner@globex.test', role: 'customer of Globex' },
];

export default async function SignInPage({ searchParams }: PageProps<'/signin'>) {
  const { callbackUrl, error } = await searchParams;
  const next = safeCallbackPath(callbackUrl);
  const demo = getConfig().demo;
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 p-6">
      <h1 className="text-2xl font-semibold">External Accounts Console</h1>
      <SignInForm callbackUrl={next} initialError={error ? 'Sign-in failed. Check the email and password.' : null} />
      {demo && (
        <section aria-labelledby="demo-users" className="rounded-md border border-slate-200 p-4 text-sm dark:border-slate-800">
          <h2 id="demo-users" className="mb-2 font-medium">
            Demo users (password: demo)
          </h2>
          <ul className="space-y-1">
            {DEMO_USERS.map((u) => (
              <li key={u.email}>
                <code>{u.email}</code> — {u.role}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
