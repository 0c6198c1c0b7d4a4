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
  return db.transaction(async (tx) => {
    await lockChain(tx, input.workspace ?? '');
    return appendLocked(tx, input);
  });
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Holds a chain for the rest of the transaction: one writer at a time, on every instance. */
export async function lockChain(tx: Tx, chain: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${'activity:' + chain}))`);
}

/** The hash of a chain's newest event (GENESIS for a chain with none); call with the chain locked. */
export async function chainHead(tx: Tx, chain: string): Promise<string> {
  const [last] = await tx
    .select({ hash: activityEvents.hash })
    .from(activityEvents)
    .where(eq(activityEvents.chain, chain))
    .orderBy(desc(activityEvents.seq))
    .limit(1);
  return last?.hash ?? GENESIS;
}

/** Appends to a chain already locked in this transaction. */
export async function appendLocked(tx: Tx, input: NewEvent): Promise<ActivityEvent> {
  const event: ActivityEvent = { ...input, id: randomUUID(), at: new Date() };
  const chain = event.workspace ?? '';
  const prevHash = await chainHead(tx, chain);
  await tx.insert(activityEvents).values({ ...event, chain, prevHash, hash: eventHash(prevHash, event) });
  return event;
}
