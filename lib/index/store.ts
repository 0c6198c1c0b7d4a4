import 'server-only';
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { indexAccounts, indexApplications, indexReads } from '@/lib/db/schema';
import type { Account } from '@/lib/schemas/account';
import type { Application } from '@/lib/schemas/application';
import type { Provider } from '@/lib/schemas/providers';
import { accountRow, applicationRow, toIndexedAccount, type AccountRow } from './rows';

const excluded = (column: string) => sql.raw(`excluded.${column}`);

/** Writes what Vonage answered about these accounts (a page of a re-read, or one change). */
export async function putAccounts(db: Db, workspace: string, accounts: Account[], seenAt = new Date()): Promise<void> {
  if (!accounts.length) return;
  await db
    .insert(indexAccounts)
    .values(accounts.map((a) => accountRow(workspace, a, seenAt)))
    .onConflictDoUpdate({
      target: [indexAccounts.workspace, indexAccounts.provider, indexAccounts.externalId],
      set: {
        name: excluded('name'),
        applicationId: excluded('application_id'),
        apiKey: excluded('api_key'),
        accessTokenHint: excluded('access_token_hint'),
        search: excluded('search'),
        seenAt: excluded('seen_at'),
      },
    });
}

export async function putApplications(db: Db, workspace: string, apps: Application[], seenAt = new Date()): Promise<void> {
  if (!apps.length) return;
  await db
    .insert(indexApplications)
    .values(apps.map((a) => applicationRow(workspace, a, seenAt)))
    .onConflictDoUpdate({
      target: [indexApplications.workspace, indexApplications.id],
      set: {
        name: excluded('name'),
        messages: excluded('messages'),
        inboundUrl: excluded('inbound_url'),
        statusUrl: excluded('status_url'),
        seenAt: excluded('seen_at'),
      },
    });
}

const accountKey = (workspace: string, provider: Provider, externalId: string) =>
  and(eq(indexAccounts.workspace, workspace), eq(indexAccounts.provider, provider), eq(indexAccounts.externalId, externalId));

export async function dropAccount(db: Db, workspace: string, provider: Provider, externalId: string): Promise<void> {
  await db.delete(indexAccounts).where(accountKey(workspace, provider, externalId));
}

/** After an unlink (Vonage answers 204, no account): the account keeps everything but that application. */
export async function markUnlinked(db: Db, workspace: string, provider: Provider, externalId: string, applicationId: string) {
  await markUnlinkedAll(db, workspace, [{ provider, externalId, applicationId }]);
}

/** Several unlinks in one workspace, in one statement. */
export async function markUnlinkedAll(
  db: Db,
  workspace: string,
  unlinks: { provider: Provider; externalId: string; applicationId: string }[],
  seenAt = new Date(),
) {
  if (!unlinks.length) return;
  await db
    .update(indexAccounts)
    .set({ applicationId: null, seenAt })
    .where(
      or(...unlinks.map((u) => and(accountKey(workspace, u.provider, u.externalId), eq(indexAccounts.applicationId, u.applicationId)))),
    );
}

export async function findAccount(db: Db, workspace: string, provider: Provider, externalId: string): Promise<AccountRow | null> {
  const [row] = await db
    .select()
    .from(indexAccounts)
    .where(accountKey(workspace, provider, externalId))
    .limit(1);
  return row ?? null;
}

/** After a whole re-read: what it did not see again is gone from Vonage. Never after a re-read that failed. */
export async function sweep(db: Db, workspace: string, readStart: Date): Promise<void> {
  await db.delete(indexAccounts).where(and(eq(indexAccounts.workspace, workspace), lt(indexAccounts.seenAt, readStart)));
  await db.delete(indexApplications).where(and(eq(indexApplications.workspace, workspace), lt(indexApplications.seenAt, readStart)));
}

/**
 * After a re-read has written its pages: fresh planner statistics, and the trigram index's pending list merged into
 * the index proper (ANALYZE does both). Every upsert of a re-read lands in that list (the `seen_at` index rules out
 * HOT updates), and until it is merged every search scans it whole: on PGlite, which has no autovacuum to do it,
 * searches after a re-read of 100,000 accounts took 60–150 ms instead of 1–20 (docs/performance.md).
 */
export async function settleIndex(db: Db): Promise<void> {
  await db.execute(sql`ANALYZE index_accounts, index_applications`);
}

export interface ReadState {
  workspace: string;
  /** When the last whole re-read started that finished well: the index is at least this fresh. */
  asOf: Date | null;
  running: boolean;
  finishedAt: Date | null;
  outcome: string | null;
  accounts: number | null;
  applications: number | null;
}

export async function readStates(db: Db, workspaces: string[]): Promise<Map<string, ReadState>> {
  const rows = workspaces.length ? await db.select().from(indexReads).where(inArray(indexReads.workspace, workspaces)) : [];
  const now = Date.now();
  return new Map(
    workspaces.map((w) => {
      const r = rows.find((x) => x.workspace === w);
      return [
        w,
        {
          workspace: w,
          asOf: r?.asOf ?? null,
          running: Boolean(r?.leaseUntil && r.leaseUntil.getTime() > now),
          finishedAt: r?.finishedAt ?? null,
          outcome: r?.outcome ?? null,
          accounts: r?.accounts ?? null,
          applications: r?.applications ?? null,
        },
      ];
    }),
  );
}

/**
 * The lease: one instance at a time re-reads a workspace. A plain row (no
 * advisory lock) so that it works the same on PGlite and on a PostgreSQL
 * server shared by several instances; a lease left by a stopped instance
 * runs out after `ms`.
 */
export async function takeLease(db: Db, workspace: string, owner: string, ms: number): Promise<boolean> {
  await db.insert(indexReads).values({ workspace }).onConflictDoNothing();
  const taken = await db
    .update(indexReads)
    .set({ leaseOwner: owner, leaseUntil: sql`now() + make_interval(secs => ${ms / 1000})`, startedAt: new Date() })
    .where(
      and(
        eq(indexReads.workspace, workspace),
        or(isNull(indexReads.leaseUntil), lt(indexReads.leaseUntil, sql`now()`), eq(indexReads.leaseOwner, owner)),
      ),
    )
    .returning({ workspace: indexReads.workspace });
  return taken.length > 0;
}

export async function endLease(
  db: Db,
  workspace: string,
  owner: string,
  result: { ok: boolean; readStart: Date; accounts: number; applications: number; calls: number },
): Promise<void> {
  await db
    .update(indexReads)
    .set({
      leaseOwner: null,
      leaseUntil: null,
      finishedAt: new Date(),
      outcome: result.ok ? 'ok' : 'failed',
      calls: result.calls,
      ...(result.ok ? { asOf: result.readStart, accounts: result.accounts, applications: result.applications } : {}),
    })
    .where(and(eq(indexReads.workspace, workspace), eq(indexReads.leaseOwner, owner)));
}

export { toIndexedAccount };
