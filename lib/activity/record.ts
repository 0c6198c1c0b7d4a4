import 'server-only';
import { randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { activityEvents } from '@/lib/db/schema';
import { eventHash, GENESIS, type ActivityEvent } from './event';

export type NewEvent = Omit<ActivityEvent, 'id' | 'at'>;

/**
 * Appends one event to its workspace's chain. The chain is locked for the
 * transaction, so several instances writing at once still make one chain.
 */
export async function appendEvent(db: Db, input: NewEvent): Promise<ActivityEvent> {
  const event: ActivityEvent = { ...input, id: randomUUID(), at: new Date() };
  const chain = event.workspace ?? '';
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${'activity:' + chain}))`);
    const [last] = await tx
      .select({ hash: activityEvents.hash })
      .from(activityEvents)
      .where(eq(activityEvents.chain, chain))
      .orderBy(desc(activityEvents.seq))
      .limit(1);
    const prevHash = last?.hash ?? GENESIS;
    await tx.insert(activityEvents).values({ ...event, chain, prevHash, hash: eventHash(prevHash, event) });
  });
  return event;
}
