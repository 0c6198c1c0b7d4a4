import type { Metadata } from 'next';
import { safeCallbackPath } from '@/lib/paths';
import { getConfig } from '@/lib/config/load';
import { ssoProviderName } from '@/lib/auth/sso-sign-in';
import { ssoRefusalMessage } from '@/lib/auth/sso';
import { SignInForm } from './sign-in-form';
import { SsoButtons } from './sso-buttons';

export const metadata: Metadata = { title: 'Sign in' };

const DEMO_USERS = [
  { email: 'admin@demo.test', role: 'admin: every workspace, and people' },
  { email: 'support@demo.test', role: 'support: every workspace, may change' },
  { email: 'viewer@demo.test', role: 'viewer: every workspace, read only' },
  { email: 'owner@acme.test', role: 'customer of Acme Corp' },
  { email: 'owner@globex.test', role: 'customer of Globex' },
  { email: 'sso-support@demo.test', role: 'through Demo SSO: support' },
  { email: 'sso-outsider@demo.test', role: 'through Demo SSO: in no mapped group, refused' },
  { email: 'sso-mfa@demo.test', role: 'through Demo SSO (MFA): one-time code, see idp/README.md' },
];

export default async function SignInPage({ searchParams }: PageProps<'/signin'>) {
  const { callbackUrl, error, provider } = await searchParams;
  const next = safeCallbackPath(callbackUrl);
  const { demo, sso } = getConfig();
  const ssoError =
    typeof error === 'string' ? ssoRefusalMessage(error, ssoProviderName(typeof provider === 'string' ? provider : undefined)) : null;
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 p-6">
      <h1 className="text-2xl font-semibold">External Accounts Console</h1>
      {ssoError && (
        <p role="alert" className="rounded-md border border-red-300 p-3 text-sm text-red-800 dark:border-red-800 dark:text-red-300">
          {ssoError}
        </p>
      )}
      <SignInForm callbackUrl={next} initialError={error && !ssoError ? 'Sign-in failed. Check the email and password.' : null} />
      {sso.length > 0 && <SsoButtons providers={sso.map((p) => ({ id: p.id, name: p.name }))} callbackUrl={next} />}
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
