import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/session';
import { visibleWorkspaces } from '@/lib/bff/access';

export const dynamic = 'force-dynamic';

/** Home: the first workspace the user may see. */
export default async function Home() {
  const user = await currentUser();
  if (!user) redirect('/signin');
  const first = visibleWorkspaces(user)[0];
  if (!first) redirect('/signin');
  redirect(`/w/${first.id}/accounts`);
}
