import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/session';
import { visibleWorkspaces } from '@/lib/bff/access';
import { paths } from '@/lib/paths';
import { grantableRoles, mayManagePeople } from '@/lib/schemas/roles';
import { PeopleView } from './_components/people-view';

export const metadata: Metadata = { title: 'People' };

/** Admins: everyone; a customer: the people of their own workspace. Other roles have no People page. */
export default async function PeoplePage({ params }: PageProps<'/w/[ws]/people'>) {
  const { ws } = await params;
  const user = await currentUser();
  if (!user) redirect(paths.signIn());
  if (!mayManagePeople(user.role)) notFound();
  return (
    <PeopleView
      me={user.email}
      isAdmin={user.role === 'admin'}
      roles={[...grantableRoles(user.role)]}
      workspaces={visibleWorkspaces(user).map((w) => ({ id: w.id, name: w.name }))}
      defaultWorkspace={user.workspace ?? ws}
    />
  );
}
