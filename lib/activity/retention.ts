import 'server-only';
import { and, asc, eq, gte, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { activityEvents } from '@/lib/db/schema';
import { appendEvent, forgetHead, readHead } from './record';

export const RETENTION_ACTION = 'activity.retention';

/**
 * Removes the events older than `retainDays`, chain by chain, and records
 * that it did as an event of that chain, written first and never itself
 * removed in the same run. The event names the hash the kept chain now starts
 * from (`after.startHash`), so `activity:verify` still finds the chain whole.
 * The only DELETE the database lets through: the trigger allows it inside
 * this transaction alone (`SET LOCAL console.retention = 'on'`).
 */
export async function applyRetention(db: Db, retainDays: number, now = new Date()): Promise<{ chain: string; removed: number }[]> {
  const cutoff = new Date(now.getTime() - retainDays * 86_400_000);
  const chains = await db.selectDistinct({ chain: activityEvents.chain }).from(activityEvents).where(lt(activityEvents.at, cutoff));
  const done: { chain: string; removed: number }[] = [];
  for (const { chain } of chains) {
    const [{ count } = { count: 0 }] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(activityEvents)
      .where(and(eq(activityEvents.chain, chain), lt(activityEvents.at, cutoff)));
    if (count === 0) continue;
    // The first kept event's link to what goes, or (when everything goes) the head the new event links to.
    const [firstKept] = await db
      .select({ prevHash: activityEvents.prevHash })
      .from(activityEvents)
      .where(and(eq(activityEvents.chain, chain), gte(activityEvents.at, cutoff)))
      .orderBy(asc(activityEvents.seq))
      .limit(1);
    const startHash = firstKept?.prevHash ?? (await readHead(db, chain));
    // Recorded first: the record itself is never among what this run removes.
    const record = await appendEvent(db, {
      actor: { email: 'system', name: 'Retention', role: 'system', via: 'password' },
      workspace: chain || null,
      action: RETENTION_ACTION,
      target: { kind: 'export', id: 'activity' },
      before: null,
      after: { removed: count, olderThan: cutoff.toISOString(), retainDays, startHash },
      outcome: 'ok',
      status: 200,
      upstreamStatus: null,
      requestId: 'retention',
      correlationId: null,
      ip: null,
      userAgent: null,
    });
    const removed = await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL console.retention = 'on'`);
      const gone = await tx
        .delete(activityEvents)
        .where(and(eq(activityEvents.chain, chain), lt(activityEvents.at, cutoff), ne(activityEvents.id, record.id)))
        .returning({ seq: activityEvents.seq });
      return gone.length;
    });
    forgetHead(db, chain);
    if (removed) done.push({ chain, removed });
  }
  return done;
}
