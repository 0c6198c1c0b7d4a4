import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, lt } from 'drizzle-orm';
import { actorOf, type ActivityEvent } from '@/lib/activity/event';
import { record } from '@/lib/activity/write';
import { getConfig, type User, type Workspace } from '@/lib/config/load';
import { store, type Db } from '@/lib/db/client';
import { replaceIntents } from '@/lib/db/schema';
import { log, requestContext } from '@/lib/log';
import type { Provider } from '@/lib/schemas/providers';
import { linkApplication, readAccount } from '@/lib/vonage/accounts';

/*
 * A replace is two changes at Vonage (unlink, then link). An instance that
 * dies between them (kill -9, out of memory) would leave the account with no
 * application and no activity event. So a replace first writes an intent to
 * the store, renews its lease while it runs, and deletes it when done (its
 * own failures are already put right by lib/vonage/replace.ts). Every
 * instance looks for intents whose lease ran out: it claims one, reads the
 * account, links the old application again when the account has none, and
 * records what it did.
 */
const LEASE_MS = 10_000;
const RENEW_MS = 2_000;
const RECOVER_EVERY_MS = 2_000;

const slot = globalThis as typeof globalThis & { replaceJournalOwner?: string; replaceRecovery?: NodeJS.Timeout };
const owner = (slot.replaceJournalOwner ??= `${process.pid}-${randomUUID()}`);

export interface Intent {
  workspace: Workspace;
  provider: Provider;
  externalId: string;
  from: string | null;
  to: string;
  user: User;
}

/** Moves the leases of these intents, while this instance still holds them, LEASE_MS past now; a failure is logged. */
function renewLeases(db: Db, ids: string[]): void {
  db.update(replaceIntents)
    .set({ leaseUntil: new Date(Date.now() + LEASE_MS) })
    .where(and(inArray(replaceIntents.id, ids), eq(replaceIntents.owner, owner)))
    .catch((e: unknown) => log('warn', 'replace intent not renewed', { error: e instanceof Error ? e.message : String(e) }));
}

/** Runs a replace under an intent in the store; a store that cannot take the intent refuses the replace (nothing changed). */
export async function journaled<T>(intent: Intent, work: () => Promise<T>): Promise<T> {
  const { db } = await store();
  const id = randomUUID();
  const now = Date.now();
  await db.insert(replaceIntents).values({
    id,
    workspace: intent.workspace.id,
    provider: intent.provider,
    externalId: intent.externalId,
    fromApplication: intent.from,
    toApplication: intent.to,
    actor: actorOf(intent.user),
    requestId: requestContext.getStore()?.requestId ?? id,
    owner,
    startedAt: new Date(now),
    leaseUntil: new Date(now + LEASE_MS),
  });
  const renew = setInterval(() => renewLeases(db, [id]), RENEW_MS);
  try {
    return await work();
  } finally {
    clearInterval(renew);
    await db
      .delete(replaceIntents)
      .where(eq(replaceIntents.id, id))
      .catch((e: unknown) => log('warn', 'replace intent not removed', { error: e instanceof Error ? e.message : String(e) }));
  }
}

type Row = typeof replaceIntents.$inferSelect;

/** Puts one cut replace right; true when the intent is settled (removed), false to try again after its lease. */
async function settle(row: Row): Promise<boolean> {
  const ws = getConfig().workspaces.get(row.workspace);
  const provider = row.provider as Provider;
  let restored = false;
  let applications: string[] = [];
  if (ws) {
    try {
      applications = (await readAccount(ws, provider, row.externalId)).applications;
      if (applications.length === 0 && row.fromApplication !== null) {
        applications = (await linkApplication(ws, provider, row.externalId, row.fromApplication)).applications;
        restored = true;
      }
    } catch (e) {
      log('warn', 'cut replace not put right yet', { workspace: row.workspace, error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  }
  await record({
    actor: row.actor as ActivityEvent['actor'],
    workspace: row.workspace,
    action: 'account.replace',
    target: { kind: 'account', id: row.externalId, provider: row.provider },
    before: { applicationId: row.fromApplication },
    after: { applicationId: row.toApplication, cut: true, restored, applications },
    outcome: 'failed',
    status: 502,
    upstreamStatus: null,
    requestId: row.requestId,
    correlationId: null,
    ip: null,
    userAgent: null,
  });
  const { db } = await store();
  await db.delete(replaceIntents).where(eq(replaceIntents.id, row.id));
  log('warn', 'cut replace put right', { workspace: row.workspace, restored });
  return true;
}

/** Takes over the intents whose lease ran out, each for one claimant only (one UPDATE), under a fresh lease. */
export function claimLapsed(db: Db, claimant: string, now = Date.now()): Promise<Row[]> {
  return db
    .update(replaceIntents)
    .set({ owner: claimant, leaseUntil: new Date(now + LEASE_MS) })
    .where(lt(replaceIntents.leaseUntil, new Date(now)))
    .returning();
}

/**
 * Claims the intents whose lease ran out (their instance died) and settles each; answers how many were settled.
 * They are settled one after another, each up to two upstream calls: the ones not yet reached keep their lease
 * renewed meanwhile, so that neither another instance nor this one's next look claims them a second time (which
 * would record the same cut replace twice).
 */
export async function recoverCutReplaces(now = Date.now()): Promise<number> {
  const { db } = await store();
  const claimed = await claimLapsed(db, owner, now);
  if (claimed.length === 0) return 0;
  const waiting = new Set(claimed.map((row) => row.id));
  const renew = setInterval(() => waiting.size && renewLeases(db, [...waiting]), RENEW_MS);
  let settled = 0;
  try {
    for (const row of claimed) {
      if (await settle(row)) settled += 1;
      // One that is not put right keeps the lease it has: it is tried again once that runs out.
      waiting.delete(row.id);
    }
  } finally {
    clearInterval(renew);
  }
  return settled;
}

/** Every instance looks for cut replaces every few seconds (and so at start, for one cut by its own restart). */
export function scheduleReplaceRecovery(): void {
  if (slot.replaceRecovery) return;
  slot.replaceRecovery = setInterval(() => {
    recoverCutReplaces().catch((e: unknown) =>
      log('error', 'replace recovery failed', { error: e instanceof Error ? e.message : String(e) }),
    );
  }, RECOVER_EVERY_MS);
  slot.replaceRecovery.unref();
}
