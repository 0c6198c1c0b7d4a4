import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '@/lib/db/client';
import { people, sessions } from '@/lib/db/schema';
import { cachedSessions, forgetCachedSessions, storeForFile, writeConfig } from './store-fixture';

/* Sessions in the store (PGlite), with the clock passed in: idle and age limits, the once-a-minute touch, endings. */
writeConfig({ session: { idleMinutes: 30, maxHours: 8 } });
const { alive, startSession, sessionPerson, endSession, endSessionsOf } = await import('../sessions');

const MIN = 60_000;
const HOUR = 60 * MIN;
let store: Store;
storeForFile((opened) => (store = opened));
beforeEach(() => forgetCachedSessions());

const row = async (id: string) => (await store.db.select().from(sessions).where(eq(sessions.id, id)))[0]!;

async function person(email: string, role = 'customer', disabledAt: Date | null = null) {
  await store.db
    .insert(people)
    .values({ email, name: `Name of ${email}`, role, workspace: 'acme', signIn: 'password', createdAt: new Date(), disabledAt })
    .onConflictDoUpdate({ target: people.email, set: { role, disabledAt } });
}

describe('whether a session is alive', () => {
  const t0 = Date.UTC(2026, 0, 1);
  const at = (createdMs: number, lastSeenMs: number, endedAt: Date | null = null) => ({
    createdAt: new Date(createdMs),
    lastSeenAt: new Date(lastSeenMs),
    endedAt,
  });

  it('ends exactly 30 minutes after the last request, not a millisecond before', () => {
    expect(alive(at(t0, t0), t0 + 30 * MIN - 1)).toBe(true);
    expect(alive(at(t0, t0), t0 + 30 * MIN)).toBe(false);
  });

  it('ends exactly 8 hours after sign-in, however recent the last request', () => {
    const seen = t0 + 8 * HOUR - MIN;
    expect(alive(at(t0, seen), t0 + 8 * HOUR - 1)).toBe(true);
    expect(alive(at(t0, seen), t0 + 8 * HOUR)).toBe(false);
  });

  it('an ended session is not alive, however fresh', () => {
    expect(alive(at(t0, t0, new Date(t0)), t0 + 1)).toBe(false);
  });
});

describe('sessions in the store', () => {
  it('names the person by the normalized email it was started with, and keeps how they signed in', async () => {
    const id = await startSession('  Support@Demo.TEST ', 'sso:demo');
    expect(await sessionPerson(id)).toMatchObject({ email: 'support@demo.test', name: 'Sue Port', source: 'config' });
    expect(await row(id)).toMatchObject({ email: 'support@demo.test', via: 'sso:demo', endedAt: null });
    expect(id).toMatch(/^[\w-]{32}$/);
    expect(await startSession('support@demo.test', 'password')).not.toBe(id);
  });

  it('a person of the store is named from their row; an unknown email names no one', async () => {
    await person('row-person@acme.test');
    const known = await startSession('row-person@acme.test', 'password');
    expect(await sessionPerson(known)).toMatchObject({ email: 'row-person@acme.test', role: 'customer', workspace: 'acme' });
    const unknown = await startSession('never-invited@acme.test', 'password');
    expect(await sessionPerson(unknown)).toBeNull();
  });

  it('writes the last request at most once a minute, and the idle timeout counts from that write', async () => {
    const t0 = Date.now();
    const id = await startSession('support@demo.test', 'password', new Date(t0));
    expect(await sessionPerson(id, t0 + MIN - 1)).not.toBeNull();
    expect((await row(id)).lastSeenAt.getTime()).toBe(t0);
    forgetCachedSessions();
    expect(await sessionPerson(id, t0 + MIN)).not.toBeNull();
    expect((await row(id)).lastSeenAt.getTime()).toBe(t0 + MIN);
    // Idle from that write: still alive 31 minutes after sign-in.
    forgetCachedSessions();
    expect(await sessionPerson(id, t0 + 31 * MIN - 1)).not.toBeNull();
  });

  it('a session that names no one is not touched', async () => {
    const t0 = Date.now();
    const id = await startSession('ghost@acme.test', 'password', new Date(t0));
    expect(await sessionPerson(id, t0 + 5 * MIN)).toBeNull();
    expect((await row(id)).lastSeenAt.getTime()).toBe(t0);
  });

  it('a disabled person’s session names no one', async () => {
    await person('disabled-one@acme.test', 'customer', new Date());
    const id = await startSession('disabled-one@acme.test', 'password');
    expect(await sessionPerson(id)).toBeNull();
  });

  it('a session ended once keeps its first reason', async () => {
    const id = await startSession('support@demo.test', 'password');
    await endSession(id, 'revoked');
    const ended = await row(id);
    expect(ended).toMatchObject({ endReason: 'revoked' });
    expect(ended.endedAt).toBeInstanceOf(Date);
    await endSession(id, 'signed-out');
    expect(await row(id)).toMatchObject({ endReason: 'revoked', endedAt: ended.endedAt });
  });

  it('ending every session of a person counts the live ones only, by the normalized email, with the reason', async () => {
    await person('many@acme.test');
    const [a, b, c] = [
      await startSession('many@acme.test', 'password'),
      await startSession('many@acme.test', 'password'),
      await startSession('many@acme.test', 'password'),
    ];
    await endSession(c, 'signed-out');
    expect(await endSessionsOf('  MANY@acme.test ', 'disabled')).toBe(2);
    expect(await row(a)).toMatchObject({ endReason: 'disabled' });
    expect(await row(b)).toMatchObject({ endReason: 'disabled' });
    expect(await row(c)).toMatchObject({ endReason: 'signed-out' });
    expect(await endSessionsOf('many@acme.test', 'disabled')).toBe(0);
  });

  it('ending every session of a person also closes the idle and too-old ones, but counts only those still alive', async () => {
    await person('stale@acme.test');
    const now = Date.now();
    const live = await startSession('stale@acme.test', 'password', new Date(now - 5 * MIN));
    const idle = await startSession('stale@acme.test', 'password', new Date(now - 31 * MIN));
    const old = await startSession('stale@acme.test', 'password', new Date(now - 9 * HOUR));
    // The old one was in use until a minute ago, but was signed in more than 8 hours ago.
    await store.db
      .update(sessions)
      .set({ lastSeenAt: new Date(now - MIN) })
      .where(eq(sessions.id, old));
    expect(await endSessionsOf('stale@acme.test', 'revoked', new Date(now))).toBe(1);
    for (const id of [live, idle, old]) expect(await row(id)).toMatchObject({ endReason: 'revoked', endedAt: new Date(now) });
  });

  it('ending a person’s sessions forgets only their cached sessions on this instance', async () => {
    await person('keep@acme.test');
    await person('drop@acme.test');
    const keep = await startSession('keep@acme.test', 'password');
    const drop = await startSession('drop@acme.test', 'password');
    expect(await sessionPerson(keep)).not.toBeNull();
    expect(await sessionPerson(drop)).not.toBeNull();
    // Another instance ends `keep` behind this one's back: this instance still has it cached (for up to 4 s).
    await store.db.update(sessions).set({ endedAt: new Date(), endReason: 'revoked' }).where(eq(sessions.id, keep));
    await endSessionsOf('drop@acme.test', 'revoked');
    expect(await sessionPerson(drop)).toBeNull();
    expect(await sessionPerson(keep)).not.toBeNull();
  });

  it('caches at most 10,000 sessions, dropping the oldest first', async () => {
    const cache = cachedSessions();
    const now = Date.now();
    for (let i = 0; i < 10_000; i++) cache.set(`filler-${i}`, { user: null, email: null, at: now });
    const id = await startSession('support@demo.test', 'password');
    expect(await sessionPerson(id)).not.toBeNull();
    expect(cache.size).toBe(10_000);
    expect(cache.has('filler-0')).toBe(false);
    expect(cache.has('filler-1')).toBe(true);
    expect(cache.has(id)).toBe(true);
  });
});
