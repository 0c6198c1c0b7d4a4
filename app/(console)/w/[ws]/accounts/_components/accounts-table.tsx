import Link from 'next/link';
import type { Account } from '@/lib/schemas/account';
import type { Application } from '@/lib/schemas/application';
import { ProviderBadge } from '@/components/ui/provider-badge';
import { Skeleton } from '@/components/ui/skeleton';
import { paths } from '@/lib/paths';

const COLUMNS = ['Provider', 'External id', 'Name', 'Linked application', 'Owner API key'];

export const accountHref = (ws: string, a: Pick<Account, 'provider' | 'externalId'>) => paths.account(ws, a.provider, a.externalId);

function Frame({ children, busy, everywhere }: { children: React.ReactNode; busy?: boolean; everywhere?: boolean }) {
  // Scrolls sideways on a phone; focusable so the scroll works by keyboard too.
  return (
    <div
      role="region"
      aria-labelledby="accounts-caption"
      tabIndex={0}
      className={`${everywhere ? 'block' : 'hidden sm:block'} overflow-x-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-800`}
    >
      <table aria-busy={busy || undefined} className="w-full min-w-[44rem] text-left text-sm">
        <caption id="accounts-caption" className="sr-only">
          Accounts of this workspace
        </caption>
        <thead className="bg-slate-50 text-slate-700 dark:bg-slate-900 dark:text-slate-300">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className="px-3 py-2 font-medium">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>
      </table>
    </div>
  );
}

export function AccountsTableSkeleton({ rows }: { rows: number }) {
  return (
    <Frame busy everywhere>
      {Array.from({ length: Math.min(rows, 10) }, (_, i) => (
        <tr key={i}>
          {COLUMNS.map((c) => (
            <td key={c} className="px-3 py-3">
              <Skeleton className="h-4 w-24" />
            </td>
          ))}
        </tr>
      ))}
    </Frame>
  );
}

/** `applications`: undefined while the workspace's applications load (a placeholder, not an id that turns into a name), null when they could not be. */
function AppName({ account, applications }: { account: Account; applications: Map<string, Application> | null | undefined }) {
  const appId = account.applications[0];
  if (!appId) return <span className="text-slate-600 dark:text-slate-400">None</span>;
  if (applications === undefined)
    return (
      <>
        <Skeleton className="h-4 w-32" />
        <span className="sr-only">Loading the application’s name</span>
      </>
    );
  const app = applications?.get(appId);
  return app ? <>{app.name}</> : <span className="font-mono text-xs break-all">{appId}</span>;
}

/** On a phone each account is a card: every field stays visible without sideways scrolling. */
function AccountCards({ ws, items, applications, stale }: Parameters<typeof AccountsTable>[0]) {
  return (
    <ul aria-label="Accounts of this workspace" aria-busy={stale || undefined} className="space-y-2 sm:hidden">
      {items.map((a) => (
        <li
          key={`${a.provider}:${a.externalId}`}
          className={`rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800 ${stale ? 'opacity-60' : ''}`}
        >
          <div className="mb-1 flex flex-wrap items-center gap-2">
            <ProviderBadge provider={a.provider} />
            <Link href={accountHref(ws, a)} className="font-mono break-all text-blue-800 underline dark:text-blue-300">
              {a.externalId}
            </Link>
          </div>
          <p className="font-medium">{a.name ?? <span className="font-normal text-slate-600 dark:text-slate-400">No name</span>}</p>
          <p>
            <span className="text-slate-600 dark:text-slate-400">Application: </span>
            <AppName account={a} applications={applications} />
          </p>
          <p>
            <span className="text-slate-600 dark:text-slate-400">API key: </span>
            <span className="font-mono">{a.apiKey}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}

export function AccountsList(props: Parameters<typeof AccountsTable>[0]) {
  return (
    <>
      <AccountsTable {...props} />
      <AccountCards {...props} />
    </>
  );
}

export function AccountsTable({
  ws,
  items,
  applications,
  stale,
}: {
  ws: string;
  items: Account[];
  applications: Map<string, Application> | null | undefined;
  stale: boolean;
}) {
  return (
    <Frame busy={stale}>
      {items.map((a) => (
        <tr key={`${a.provider}:${a.externalId}`} className={stale ? 'opacity-60' : ''}>
          <td className="px-3 py-2">
            <ProviderBadge provider={a.provider} />
          </td>
          <td className="px-3 py-2 font-mono">
            <Link href={accountHref(ws, a)} className="text-blue-800 underline-offset-2 hover:underline dark:text-blue-300">
              {a.externalId}
            </Link>
          </td>
          <td className="px-3 py-2">{a.name ?? <span className="text-slate-600 dark:text-slate-400">No name</span>}</td>
          <td className="px-3 py-2">
            <AppName account={a} applications={applications} />
          </td>
          <td className="px-3 py-2 font-mono">{a.apiKey}</td>
        </tr>
      ))}
    </Frame>
  );
}
