'use client';

import { useQuery } from '@tanstack/react-query';
import { accountListQuery } from '@/lib/queries/accounts';
import { PROVIDER_LABELS } from '@/lib/schemas/ids';

export function AccountsTable({ ws }: { ws: string }) {
  const { data, error, isPending, refetch } = useQuery(accountListQuery(ws, { page: 1, pageSize: 20 }));
  if (isPending) return <p role="status">Loading accounts…</p>;
  if (error)
    return (
      <div role="alert" className="space-y-2">
        <p>Could not load the accounts: {error.message}</p>
        <button type="button" onClick={() => refetch()} className="rounded-md border px-3 py-1">
          Try again
        </button>
      </div>
    );
  if (data.items.length === 0) return <p>No accounts in this workspace yet.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Accounts of this workspace</caption>
      <thead>
        <tr className="border-b border-slate-200 dark:border-slate-800">
          <th scope="col" className="py-2">Provider</th>
          <th scope="col">External id</th>
          <th scope="col">Name</th>
          <th scope="col">Linked application</th>
          <th scope="col">Owner API key</th>
        </tr>
      </thead>
      <tbody>
        {data.items.map((a) => (
          <tr key={`${a.provider}:${a.externalId}`} className="border-b border-slate-100 dark:border-slate-900">
            <td className="py-2">{PROVIDER_LABELS[a.provider]}</td>
            <td className="font-mono">{a.externalId}</td>
            <td>{a.name ?? '—'}</td>
            <td className="font-mono">{a.applications[0] ?? '—'}</td>
            <td className="font-mono">{a.apiKey}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
