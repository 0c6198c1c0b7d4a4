import 'server-only';
import { and, asc, count, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { store } from '@/lib/db/client';
import { indexAccountTotals, indexAccounts, indexApplications } from '@/lib/db/schema';
import type { ApplicationAccounts, AttentionReason, IndexedApplicationPage, Overview } from '@/lib/schemas/index-views';
import { PROVIDERS, type Provider } from '@/lib/schemas/providers';
import { toIndexedAccount, toIndexedApplication } from './rows';
import { readStates } from './store';

const ATTENTION_SHOWN = 100;

async function asOfOf(workspace: string): Promise<string | null> {
  const { db } = await store();
  return (await readStates(db, [workspace])).get(workspace)?.asOf?.toISOString() ?? null;
}

/** The workspace's applications by name, each with how many accounts are linked to it. */
export async function indexedApplications(workspace: string, page: number, pageSize: number): Promise<IndexedApplicationPage> {
  const { db } = await store();
  const linked = db
    .select({ id: indexAccounts.applicationId, n: count().as('n') })
    .from(indexAccounts)
    .where(and(eq(indexAccounts.workspace, workspace), isNotNull(indexAccounts.applicationId)))
    .groupBy(indexAccounts.applicationId)
    .as('linked');
  const [rows, [total], asOf] = await Promise.all([
    db
      .select({ app: indexApplications, n: linked.n })
      .from(indexApplications)
      .leftJoin(linked, eq(linked.id, indexApplications.id))
      .where(eq(indexApplications.workspace, workspace))
      .orderBy(asc(indexApplications.name), asc(indexApplications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(indexApplications).where(eq(indexApplications.workspace, workspace)),
    asOfOf(workspace),
  ]);
  const totalItems = total?.n ?? 0;
  return {
    items: rows.map((r) => ({ ...toIndexedApplication(r.app), linkedAccounts: Number(r.n ?? 0) })),
    page,
    pageSize,
    totalItems,
    totalPages: Math.max(1, Math.ceil(totalItems / pageSize)),
    asOf,
  };
}

/** Applications the index knows beyond those given: names resolve past the Application API's scan bound. */
export async function indexedApplicationsBeyond(workspace: string, known: Set<string>) {
  const { db } = await store();
  const rows = await db.select().from(indexApplications).where(eq(indexApplications.workspace, workspace));
  return rows.filter((r) => !known.has(r.id)).map(toIndexedApplication);
}

/** The application and every account linked to it; null when the index knows neither. */
export async function applicationAccounts(workspace: string, applicationId: string): Promise<ApplicationAccounts | null> {
  const { db } = await store();
  const [[app], accounts, asOf] = await Promise.all([
    db
      .select()
      .from(indexApplications)
      .where(and(eq(indexApplications.workspace, workspace), eq(indexApplications.id, applicationId))),
    db
      .select()
      .from(indexAccounts)
      .where(and(eq(indexAccounts.workspace, workspace), eq(indexAccounts.applicationId, applicationId)))
      .orderBy(asc(indexAccounts.provider), asc(indexAccounts.name), asc(indexAccounts.externalId)),
    asOfOf(workspace),
  ]);
  if (!app && !accounts.length) return null;
  return { application: app ? toIndexedApplication(app) : null, accounts: accounts.map(toIndexedAccount), asOf };
}

/**
 * Totals per provider (linked, unlinked) and the accounts that need attention, from the index. The database keeps
 * the counts per provider and application as the index is written (index_account_totals: a few dozen rows, whatever
 * the workspace's size); the applications' state is applied to those groups here, so no row-by-row join is made.
 */
export async function overview(workspace: string): Promise<Overview> {
  const { db } = await store();
  const [groups, apps, asOf] = await Promise.all([
    db
      .select({ provider: indexAccountTotals.provider, applicationId: indexAccountTotals.applicationId, n: indexAccountTotals.n })
      .from(indexAccountTotals)
      .where(eq(indexAccountTotals.workspace, workspace)),
    db
      .select({ id: indexApplications.id, messages: indexApplications.messages })
      .from(indexApplications)
      .where(eq(indexApplications.workspace, workspace)),
    asOfOf(workspace),
  ]);
  const messages = new Map(apps.map((a) => [a.id, a.messages]));
  const reasonOf = (applicationId: string | null): AttentionReason | null =>
    applicationId === null
      ? 'unlinked'
      : !messages.has(applicationId)
        ? 'application-gone'
        : messages.get(applicationId)
          ? null
          : 'no-messages';
  const totals = Object.fromEntries(PROVIDERS.map((p) => [p, { linked: 0, unlinked: 0 }])) as Overview['totals'];
  const attentionCounts: Overview['attentionCounts'] = { unlinked: 0, 'application-gone': 0, 'no-messages': 0 };
  const badApps = new Set<string>();
  for (const g of groups) {
    const t = totals[g.provider as Provider];
    if (!t || g.n <= 0) continue;
    const applicationId = g.applicationId === '' ? null : g.applicationId;
    if (applicationId === null) t.unlinked += g.n;
    else t.linked += g.n;
    const reason = reasonOf(applicationId);
    if (reason) attentionCounts[reason] += g.n;
    if (reason && applicationId) badApps.add(applicationId);
  }
  const attention = await db
    .select()
    .from(indexAccounts)
    .where(
      and(
        eq(indexAccounts.workspace, workspace),
        badApps.size
          ? or(isNull(indexAccounts.applicationId), inArray(indexAccounts.applicationId, [...badApps]))
          : isNull(indexAccounts.applicationId),
      ),
    )
    .orderBy(asc(indexAccounts.provider), asc(indexAccounts.externalId))
    .limit(ATTENTION_SHOWN);
  return {
    asOf,
    totals,
    attentionCounts,
    attention: attention.map((a) => ({ account: toIndexedAccount(a), reason: reasonOf(a.applicationId) ?? 'unlinked' })),
  };
}
