import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import type { Metadata } from 'next';
import { currentUser } from '@/lib/auth/session';
import { may, visibleWorkspaces } from '@/lib/bff/access';
import { ConsoleProviders } from '@/components/layout/console-providers';
import { SectionNav } from '@/components/layout/section-nav';
import { SearchBox } from '@/components/search/search-box';
import { SignOutButton, SignOutEverywhereButton } from '@/components/layout/sign-out-button';
import { paths } from '@/lib/paths';
import { isCustomerRole, isStaffRole, mayManagePeople, ROLE_LABELS } from '@/lib/schemas/roles';

/** Every page title in a workspace names it: "Accounts · Acme Corp". */
export async function generateMetadata({ params }: LayoutProps<'/w/[ws]'>): Promise<Metadata> {
  const { ws } = await params;
  const user = await currentUser();
  const name = user ? visibleWorkspaces(user).find((w) => w.id === ws)?.name : undefined;
  return name ? { title: { template: `%s · ${name}`, default: name } } : {};
}

export default async function WorkspaceLayout({ children, params }: LayoutProps<'/w/[ws]'>) {
  const { ws } = await params;
  const user = await currentUser();
  if (!user) redirect(paths.signIn());
  const workspaces = visibleWorkspaces(user);
  const current = workspaces.find((w) => w.id === ws);
  if (!current) notFound();
  const header = (
    <header className="border-b border-slate-200 dark:border-slate-800">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-900"
      >
        Skip to content
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        <Link href={paths.accounts(ws)} className="font-semibold">
          External Accounts
        </Link>
        {isCustomerRole(user.role) ? (
          <span className="text-sm text-slate-700 dark:text-slate-300">{current.name}</span>
        ) : (
          <nav aria-label="Workspaces" className="flex flex-wrap gap-1 text-sm">
            {workspaces.map((w) => (
              <Link
                key={w.id}
                href={paths.accounts(w.id)}
                aria-current={w.id === ws ? 'page' : undefined}
                className="rounded px-2 py-1 hover:bg-slate-100 aria-[current=page]:bg-slate-200 aria-[current=page]:font-semibold dark:hover:bg-slate-800 dark:aria-[current=page]:bg-slate-800"
              >
                {w.name}
              </Link>
            ))}
          </nav>
        )}
        <SectionNav ws={ws} people={mayManagePeople(user.role)} />
        <div className="ml-auto flex flex-wrap items-center gap-3">
          <SearchBox workspaces={workspaces.map((w) => ({ id: w.id, name: w.name }))} />
          <p className="text-sm">
            {user.name} <span className="text-slate-600 dark:text-slate-400">· {ROLE_LABELS[user.role]}</span>
          </p>
          <SignOutButton />
          <SignOutEverywhereButton />
        </div>
      </div>
    </header>
  );
  return (
    <ConsoleProviders
      key={ws}
      info={{ ws, wsName: current.name, canChange: may(user, 'write'), isStaff: isStaffRole(user.role) }}
      header={header}
    >
      {children}
    </ConsoleProviders>
  );
}
