import 'server-only';
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { activityEvents } from '@/lib/db/schema';
import { eventHash, GENESIS, type ActivityEvent } from './event';
import { RETENTION_ACTION } from './retention';

export interface ChainReport {
  chain: string;
  events: number;
  /** The first event that is not as it was written, and why; null when the chain is whole. */
  broken: { seq: number; id: string; reason: 'altered' | 'inserted or an event before it removed' } | null;
}

type Row = typeof activityEvents.$inferSelect;

export function toEvent(r: Row): ActivityEvent {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor as ActivityEvent['actor'],
    workspace: r.workspace,
    action: r.action,
    target: r.target as ActivityEvent['target'],
    before: r.before,
    after: r.after,
    outcome: r.outcome as ActivityEvent['outcome'],
    status: r.status,
    upstreamStatus: r.upstreamStatus,
    requestId: r.requestId,
    correlationId: r.correlationId,
    ip: r.ip,
    userAgent: r.userAgent,
  };
}

const PAGE = 1_000;

/** Where a chain starts: the first event's link, or what the latest retention run says it now links to. */
async function chainStart(db: Db, chain: string): Promise<string> {
  const [latest] = await db
    .select({ after: activityEvents.after })
    .from(activityEvents)
    .where(and(eq(activityEvents.chain, chain), eq(activityEvents.action, RETENTION_ACTION)))
    .orderBy(desc(activityEvents.seq))
    .limit(1);
  const start = (latest?.after as { startHash?: unknown } | null)?.startHash;
  return typeof start === 'string' ? start : GENESIS;
}

/** Re-computes one chain from its first event, a page at a time. */
async function verifyChain(db: Db, chain: string): Promise<ChainReport> {
  let prev = await chainStart(db, chain);
  let after = 0;
  let events = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(activityEvents)
      .where(and(eq(activityEvents.chain, chain), gt(activityEvents.seq, after)))
      .orderBy(asc(activityEvents.seq))
      .limit(PAGE);
    for (const r of rows) {
      events += 1;
      if (r.prevHash !== prev) return { chain, events, broken: { seq: r.seq, id: r.id, reason: 'inserted or an event before it removed' } };
      if (eventHash(r.prevHash, toEvent(r)) !== r.hash) return { chain, events, broken: { seq: r.seq, id: r.id, reason: 'altered' } };
      prev = r.hash;
      after = r.seq;
    }
    if (rows.length < PAGE) return { chain, events, broken: null };
  }
}

/** Every chain in the store (one per workspace, and '' for events of none). */
export async function verifyChains(db: Db): Promise<ChainReport[]> {
  const chains = await db.selectDistinct({ chain: activityEvents.chain }).from(activityEvents).orderBy(asc(activityEvents.chain));
  const reports: ChainReport[] = [];
  for (const { chain } of chains) reports.push(await verifyChain(db, chain));
  return reports;
}
