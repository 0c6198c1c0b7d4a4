import 'server-only';
import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { activityEvents } from '@/lib/db/schema';
import { eventHash, GENESIS, type ActivityEvent } from './event';

export type NewEvent = Omit<ActivityEvent, 'id' | 'at'>;

/*
 * Appending is one INSERT. Each store remembers the head of each chain it last
 * wrote; the unique index on (chain, prev_hash) refuses a second event after
 * the same one, so a writer whose remembered head is old (another instance
 * wrote meanwhile) is refused, reads the head again and tries once more.
 * Several instances writing at once still make one chain, with no lock and no
 * read before every write.
 */
const heads = new WeakMap<Db, Map<string, string>>();
/** Appends to one chain from this process wait for each other: only other instances can race. */
const queues = new WeakMap<Db, Map<string, Promise<unknown>>>();
const ATTEMPTS = 8;

function headsOf(db: Db): Map<string, string> {
  let m = heads.get(db);
  if (!m) heads.set(db, (m = new Map()));
  return m;
}

function serially<T>(db: Db, chain: string, work: () => Promise<T>): Promise<T> {
  let m = queues.get(db);
  if (!m) queues.set(db, (m = new Map()));
  const before = m.get(chain) ?? Promise.resolve();
  const mine = before.then(work, work);
  const settled = mine.catch(() => {});
  m.set(chain, settled);
  void settled.then(() => {
    if (m.get(chain) === settled) m.delete(chain);
  });
  return mine;
}

/** The hash of a chain's newest event as the store has it (GENESIS for a chain with none). */
export async function readHead(db: Pick<Db, 'select'>, chain: string): Promise<string> {
  const [last] = await db
    .select({ hash: activityEvents.hash })
    .from(activityEvents)
    .where(eq(activityEvents.chain, chain))
    .orderBy(desc(activityEvents.seq))
    .limit(1);
  return last?.hash ?? GENESIS;
}

function isUniqueViolation(e: unknown): boolean {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) if ((c as { code?: unknown }).code === '23505') return true;
  return false;
}

/** Appends one event after the head of its workspace's chain. */
export function appendEvent(db: Db, input: NewEvent): Promise<ActivityEvent> {
  const chain = input.workspace ?? '';
  return serially(db, chain, () => appendNow(db, chain, input));
}

async function appendNow(db: Db, chain: string, input: NewEvent): Promise<ActivityEvent> {
  const known = headsOf(db);
  for (let attempt = 1; ; attempt++) {
    const prevHash = known.get(chain) ?? (await readHead(db, chain));
    const event: ActivityEvent = { ...input, id: randomUUID(), at: new Date() };
    const hash = eventHash(prevHash, event);
    try {
      await db.insert(activityEvents).values({ ...event, chain, prevHash, hash });
      known.set(chain, hash);
      return event;
    } catch (e) {
      known.delete(chain);
      if (!isUniqueViolation(e) || attempt >= ATTEMPTS) throw e;
      // Another instance appended first: read its head and try again, a little apart from the others.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}

/** Forgets what this store remembers of a chain's head (after the retention job rewrote its start). */
export const forgetHead = (db: Db, chain: string) => headsOf(db).delete(chain);
