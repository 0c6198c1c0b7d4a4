import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { currentUser } from '@/lib/auth/session';
import { visibleWorkspaces } from '@/lib/bff/access';
import { Providers } from '@/app/providers';
import { SignOutButton } from '@/components/layout/sign-out-button';

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ ws: string }> }) {
  const { ws } = await params;
  const user = await currentUser();
  if (!user) redirect('/signin');
  const workspaces = visibleWorkspaces(user);
  const current = workspaces.find((w) => w.id === ws);
  if (!current) notFound();
  return (
    <Providers>
      <header className="flex flex-wrap items-center gap-4 border-b border-slate-200 px-6 py-3 dark:border-slate-800">
        <span className="font-semibold">External Accounts</span>
        <nav aria-label="Workspaces" className="flex gap-2 text-sm">
          {workspaces.map((w) => (
            <Link
              key={w.id}
              href={`/w/${w.id}/accounts`}
              aria-current={w.id === ws ? 'page' : undefined}
              className="rounded px-2 py-1 aria-[current=page]:bg-slate-200 dark:aria-[current=page]:bg-slate-800"
            >
              {w.name}
            </Link>
          ))}
        </nav>
        <span className="ml-auto text-sm">
          {user.name} <span className="text-slate-500">({user.role})</span>
        </span>
        <SignOutButton />
      </header>
      <main className="p-6">{children}</main>
    </Providers>
  );
}
