import type { Metadata } from 'next';
import { AccountsTable } from './_components/accounts-table';

export const metadata: Metadata = { title: 'Accounts' };

export default async function AccountsPage({ params }: { params: Promise<{ ws: string }> }) {
  const { ws } = await params;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Accounts</h1>
      <AccountsTable ws={ws} />
    </>
  );
}
