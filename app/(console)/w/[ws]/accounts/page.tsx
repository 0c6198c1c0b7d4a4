import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AccountsView } from './_components/accounts-view';

export const metadata: Metadata = { title: 'Accounts' };

export default function AccountsPage() {
  return (
    <Suspense>
      <AccountsView />
    </Suspense>
  );
}
