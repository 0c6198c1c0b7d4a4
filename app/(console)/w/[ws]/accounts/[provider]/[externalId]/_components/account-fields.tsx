import type { Account } from '@/lib/schemas/account';
import { PROVIDER_LABELS, type Provider } from '@/lib/schemas/providers';

const ID_LABELS: Record<Provider, string> = {
  messenger: 'Facebook Page id',
  whatsapp: 'WhatsApp number',
  viber_service_msg: 'Viber Service Message id',
  rcs: 'RCS agent id',
};

export function AccountFields({ account }: { account: Account }) {
  const rows: [string, React.ReactNode][] = [
    ['Provider', PROVIDER_LABELS[account.provider]],
    [
      ID_LABELS[account.provider],
      <span key="id" className="font-mono break-all">
        {account.provider === 'whatsapp' ? `+${account.externalId}` : account.externalId}
      </span>,
    ],
    ['Name', account.name ?? <span className="text-slate-500 dark:text-slate-400">No name</span>],
    [
      'Owner API key',
      <span key="key" className="font-mono">
        {account.apiKey}
      </span>,
    ],
  ];
  if (account.provider === 'messenger')
    rows.push([
      'Page token',
      account.accessTokenHint ? (
        <span key="hint">
          Set, ending in <span className="font-mono">…{account.accessTokenHint}</span>
        </span>
      ) : (
        'Set (hidden)'
      ),
    ]);
  return (
    <section aria-labelledby="details-heading">
      <h2 id="details-heading" className="sr-only">
        Details
      </h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-md border border-slate-200 p-4 text-sm sm:grid-cols-[12rem_1fr] dark:border-slate-800">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-medium text-slate-700 dark:text-slate-300">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
