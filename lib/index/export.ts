import 'server-only';
import { and, asc, eq, gt, or, type SQL } from 'drizzle-orm';
import { csvCell } from '@/lib/activity/export';
import type { Db } from '@/lib/db/client';
import { indexAccounts } from '@/lib/db/schema';
import type { Provider } from '@/lib/schemas/providers';
import type { AccountRow } from './rows';

const PAGE = 1_000;
const COLUMNS = ['provider', 'external_id', 'name', 'application_id', 'api_key', 'access_token_hint', 'as_of'] as const;

const cells = (r: AccountRow) => [r.provider, r.externalId, r.name, r.applicationId, r.apiKey, r.accessTokenHint, r.seenAt.toISOString()];

/** One line of JSON per account: the BFF's Account fields and when Vonage last said so (never a token). */
const jsonLine = (r: AccountRow) =>
  JSON.stringify({
    provider: r.provider,
    externalId: r.externalId,
    name: r.name,
    applications: r.applicationId ? [r.applicationId] : [],
    apiKey: r.apiKey,
    accessTokenHint: r.accessTokenHint,
    asOf: r.seenAt.toISOString(),
  }) + '\n';

/**
 * The workspace's accounts from the index as a stream, a thousand rows at a
 * time in key order (never all at once); CSV cells neutralised against
 * formula injection by the activity export's own `csvCell`.
 */
export function inventoryStream(
  db: Db,
  workspace: string,
  provider: Provider | undefined,
  format: 'csv' | 'jsonl',
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: { provider: string; externalId: string } | null = null;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started && format === 'csv') controller.enqueue(encoder.encode(COLUMNS.join(',') + '\r\n'));
      started = true;
      const where: SQL[] = [eq(indexAccounts.workspace, workspace)];
      if (provider) where.push(eq(indexAccounts.provider, provider));
      if (after)
        where.push(
          or(
            gt(indexAccounts.provider, after.provider),
            and(eq(indexAccounts.provider, after.provider), gt(indexAccounts.externalId, after.externalId)),
          )!,
        );
      const rows = await db
        .select()
        .from(indexAccounts)
        .where(and(...where))
        .orderBy(asc(indexAccounts.provider), asc(indexAccounts.externalId))
        .limit(PAGE);
      const text = rows.map((r) => (format === 'csv' ? cells(r).map(csvCell).join(',') + '\r\n' : jsonLine(r))).join('');
      if (text) controller.enqueue(encoder.encode(text));
      const last = rows.at(-1);
      if (rows.length < PAGE || !last) controller.close();
      else after = { provider: last.provider, externalId: last.externalId };
    },
  });
}
