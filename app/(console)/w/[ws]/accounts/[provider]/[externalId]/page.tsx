import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
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

export default async function AccountPage({ params }: Props) {
  const parsed = parse(await params);
  if (!parsed) notFound();
  return <AccountDetail provider={parsed.provider} externalId={parsed.externalId} />;
}
