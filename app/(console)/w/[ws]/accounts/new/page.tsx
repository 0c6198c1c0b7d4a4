import type { Metadata } from 'next';
import Link from 'next/link';
import { currentUser } from '@/lib/auth/session';
import { may } from '@/lib/bff/access';
import { Notice } from '@/components/ui/notice';
import { CreateMessengerForm } from './_components/create-messenger-form';
import { paths } from '@/lib/paths';

export const metadata: Metadata = { title: 'Create a Messenger account' };

export default async function NewMessengerPage({ params }: PageProps<'/w/[ws]/accounts/new'>) {
  const { ws } = await params;
  const user = await currentUser();
  return (
    <div className="max-w-2xl space-y-4">
      <Link href={paths.accounts(ws)} className="text-sm text-blue-800 underline-offset-2 hover:underline dark:text-blue-300">
        ← All accounts
      </Link>
      <h1 className="text-xl font-semibold">Create a Messenger account</h1>
      {user && may(user, 'write') ? (
        <>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Connect a Facebook Page so this Vonage account can send and receive Messenger messages as that page. Only Messenger accounts can
            be created here; WhatsApp, Viber and RCS accounts are set up in the Vonage API Dashboard.
          </p>
          <CreateMessengerForm />
        </>
      ) : (
        <Notice>Your role may look at accounts but not create them.</Notice>
      )}
    </div>
  );
}
