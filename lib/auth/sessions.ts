import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { getConfig, type User } from '@/lib/config/load';
import { store } from '@/lib/db/client';
import { people, sessions } from '@/lib/db/schema';
import { userFromRow } from './people';

/*
 * Sessions live in the store (docs/security.md, A31): the session cookie
 * (next-auth's, signed and encrypted) names a row here, and the row decides.
 * It ends after `session.idleMinutes` without a request or `session.maxHours`
 * after sign-in, and at once on sign-out, "sign out everywhere", an admin's
 * revoke, or when the person is disabled. Each instance keeps what it read
 * for at most CHECK_CACHE_MS (4 s), so an ending reaches every instance within
 * that (the issue allows 5 s); on the instance that ended it, at once.
 */
export const CHECK_CACHE_MS = 4_000;
/** last_seen_at is written at most this often per session: the idle timeout is exact to within a minute. */
const TOUCH_EVERY_MS = 60_000;
const CACHE_LIMIT = 10_000;

export type EndReason = 'signed-out' | 'signed-out-everywhere' | 'revoked' | 'disabled' | 'expired';

interface Seen {
  user: User | null;
  email: string | null;
  at: number;
}

const slot = globalThis as typeof globalThis & { consoleSessions?: Map<string, Seen> };
const cache = (slot.consoleSessions ??= new Map());

function remember(id: string, seen: Seen) {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(id, seen);
}

function forgetEmail(email: string) {
  for (const [id, seen] of cache) if (seen.email === email) cache.delete(id);
}

/** Starts a session for a person who has just signed in; the id goes into their cookie. */
export async function startSession(email: string, via: string, now = new Date()): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  const { db } = await store();
  await db.insert(sessions).values({ id, email: email.trim().toLowerCase(), via, createdAt: now, lastSeenAt: now });
  return id;
}

/** Whether a session row is still alive at `now`, by the config's limits. */
export function alive(row: { createdAt: Date; lastSeenAt: Date; endedAt: Date | null }, now: number): boolean {
  const { idleMinutes, maxHours } = getConfig().session;
  return (
    row.endedAt === null && now - row.lastSeenAt.getTime() < idleMinutes * 60_000 && now - row.createdAt.getTime() < maxHours * 3_600_000
  );
}

/** The person behind a live session, or null (ended, idle, too old, unknown, or the person gone or disabled). */
export async function sessionPerson(id: string, now = Date.now()): Promise<User | null> {
  const seen = cache.get(id);
  if (seen && now - seen.at < CHECK_CACHE_MS) return seen.user;
  const { db } = await store();
  const [row] = await db
    .select({ session: sessions, person: people })
    .from(sessions)
    .leftJoin(people, and(eq(people.email, sessions.email), isNull(people.disabledAt)))
    .where(eq(sessions.id, id))
    .limit(1);
  let user: User | null = null;
  if (row && alive(row.session, now)) {
    user = getConfig().users.get(row.session.email) ?? (row.person ? userFromRow(row.person) : null);
    if (user && now - row.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS)
      await db
        .update(sessions)
        .set({ lastSeenAt: new Date(now) })
        .where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
  }
  remember(id, { user, email: row?.session.email ?? null, at: now });
  return user;
}

/** Ends one session (sign-out). */
export async function endSession(id: string, reason: EndReason): Promise<void> {
  const { db } = await store();
  await db
    .update(sessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
  cache.delete(id);
}

/**
 * Ends every session of a person; answers how many were live. Idle and too-old rows are closed as well (a longer
 * limit in the config must not bring them back), but they were not sessions anyone could use, so they are not counted.
 */
export async function endSessionsOf(email: string, reason: EndReason, now = new Date()): Promise<number> {
  const normalized = email.trim().toLowerCase();
  const { db } = await store();
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.email, normalized), isNull(sessions.endedAt)))
    .returning({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt });
  forgetEmail(normalized);
  return ended.filter((row) => alive({ ...row, endedAt: null }, now.getTime())).length;
}
