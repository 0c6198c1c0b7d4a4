import 'server-only';
import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { activityEvents } from '@/lib/db/schema';
import { groupCommit } from '@/lib/db/group-commit';
import { eventHash, GENESIS, type ActivityEvent } from './event';

export type NewEvent = Omit<ActivityEvent, 'id' | 'at'>;

/*
 * Appending is one INSERT. Each store remembers the head of each chain it last
 * wrote; the unique index on (chain, prev_hash) refuses a second event after
 * the same one, so a writer whose remembered head is old (another instance
 * wrote meanwhile) is refused, reads the head again and tries once more.
 * Several instances writing at once still make one chain, with no lock and no
 * read before every write.
 *
 * Appends to one chain from this process asked for in the same turn of the
 * event loop go in one INSERT, and whatever arrived while an INSERT was in
 * flight goes in the next one, chained in order (a group commit,
 * lib/db/group-commit.ts).
 */
const heads = new WeakMap<Db, Map<string, string>>();
/** One group commit per store and chain (lib/db/group-commit.ts). */
const lines = new WeakMap<Db, Map<string, (input: NewEvent) => Promise<ActivityEvent>>>();
const ATTEMPTS = 8;

function headsOf(db: Db): Map<string, string> {
  let m = heads.get(db);
  if (!m) heads.set(db, (m = new Map()));
  return m;
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
  let m = lines.get(db);
  if (!m) lines.set(db, (m = new Map()));
  let append = m.get(chain);
  if (!append) m.set(chain, (append = groupCommit((inputs: NewEvent[]) => appendNow(db, chain, inputs))));
  return append(input);
}

async function appendNow(db: Db, chain: string, inputs: NewEvent[]): Promise<ActivityEvent[]> {
  const known = headsOf(db);
  for (let attempt = 1; ; attempt++) {
    let prevHash = known.get(chain) ?? (await readHead(db, chain));
    const at = new Date();
    const events: ActivityEvent[] = [];
    const rows = inputs.map((input) => {
      const event: ActivityEvent = { ...input, id: randomUUID(), at };
      const hash = eventHash(prevHash, event);
      const row = { ...event, chain, prevHash, hash };
      events.push(event);
      prevHash = hash;
      return row;
    });
    try {
      await db.insert(activityEvents).values(rows);
      known.set(chain, prevHash);
      return events;
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
