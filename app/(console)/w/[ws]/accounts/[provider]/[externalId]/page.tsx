import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { accountDetail, applicationList } from '@/lib/bff/reads';
import { prefetched, serverRead } from '@/lib/bff/prefetch';
import { accountKeys } from '@/lib/queries/accounts';
import { ALL_APPLICATIONS, applicationKeys } from '@/lib/queries/applications';
import { externalIdSchemas, providerSchema } from '@/lib/schemas/ids';
import { PROVIDER_LABELS, type Provider } from '@/lib/schemas/providers';
import { AccountDetail } from './_components/account-detail';

type Props = PageProps<'/w/[ws]/accounts/[provider]/[externalId]'>;

/** The same checks as the BFF's path parameters: a malformed address is simply not found. */
function parse(raw: { provider: string; externalId: string }): { provider: Provider; externalId: string } | null {
  const provider = providerSchema.safeParse(raw.provider);
  if (!provider.success) return null;
  const id = externalIdSchemas[provider.data].safeParse(raw.externalId);
  return id.success ? { provider: provider.data, externalId: id.data } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const parsed = parse(await params);
  return { title: parsed ? `${PROVIDER_LABELS[parsed.provider]} ${parsed.externalId}` : 'Not found' };
}

/** A first visit shows the account in the HTML: read on the server through the BFF's checks (lib/bff/prefetch.ts). */
export default async function AccountPage({ params }: Props) {
  const { ws, ...raw } = await params;
  const parsed = parse(raw);
  if (!parsed) notFound();
  const { provider, externalId } = parsed;
  const state = await prefetched((qc) =>
    Promise.all([
      qc.prefetchQuery({
        queryKey: accountKeys.detail(ws, provider, externalId),
        queryFn: () => serverRead(accountDetail, ws, { raw: { provider, externalId } }),
      }),
      qc.prefetchQuery({
        queryKey: applicationKeys.all(ws),
        queryFn: async () => (await serverRead(applicationList, ws, { search: new URLSearchParams(ALL_APPLICATIONS) })).items,
      }),
    ]),
  );
  return (
    <HydrationBoundary state={state}>
      <AccountDetail provider={provider} externalId={externalId} />
    </HydrationBoundary>
  );
}
