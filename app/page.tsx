import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/session';
import { visibleWorkspaces } from '@/lib/bff/access';
import { paths } from '@/lib/paths';

/** Home: the first workspace the user may see. */
export default async function Home() {
  const user = await currentUser();
  if (!user) redirect(paths.signIn());
  const first = visibleWorkspaces(user)[0];
  if (!first) redirect(paths.signIn());
  redirect(paths.accounts(first.id));
}
