import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendEvent, type NewEvent } from '@/lib/activity/record';
import { applyRetention } from '@/lib/activity/retention';
import { verifyChains } from '@/lib/activity/verify';
import type { Store } from '@/lib/db/client';
import { storeEngines } from '@/tests/support/databases';

const event = (workspace: string | null, n: number): NewEvent => ({
  actor: { email: 'support@demo.test', name: 'Sam Support', role: 'support', via: 'password' },
  workspace,
  action: 'account.link',
  target: { kind: 'account', id: `44770090000${n}`, provider: 'whatsapp' },
  before: { applications: [] },
  after: { applications: ['6a2b1f7e-1c1d-4e0a-9b4e-0d7c1b2a3f4e'] },
  outcome: 'ok',
  status: 200,
  upstreamStatus: 200,
  requestId: `req-${n}`,
  correlationId: null,
  ip: '127.0.0.1',
  userAgent: 'vitest',
});

/** The database's own words for a refused statement (drizzle wraps them as the error's cause). */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'not refused';
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : String(e);
  }
}

/** Bypasses the append-only trigger as the table's owner would: what a tamperer with SQL access does. */
async function tamper(s: Store, statement: string) {
  await s.db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE activity_events DISABLE TRIGGER activity_events_append_only`);
    await tx.execute(sql.raw(statement));
    await tx.execute(sql`ALTER TABLE activity_events ENABLE TRIGGER activity_events_append_only`);
  });
}

describe.each(storeEngines)('the activity log on %s', (_engine, unavailable, make) => {
  let store: Store;
  let drop: () => Promise<void>;
  let open: () => Promise<Store>;

  beforeAll(async () => {
    if (unavailable) return;
    ({ open, drop } = await make());
    store = await open();
  }, 60_000);
  afterAll(async () => {
    if (unavailable) return;
    await store?.close();
    await drop?.();
  });

  it.skipIf(unavailable)('keeps one whole chain per workspace', async () => {
    for (let n = 1; n <= 3; n++) await appendEvent(store.db, event('whole-a', n));
    await appendEvent(store.db, event('whole-b', 4));
    const reports = await verifyChains(store.db);
    expect(reports.find((r) => r.chain === 'whole-a')).toEqual({ chain: 'whole-a', events: 3, broken: null });
    expect(reports.find((r) => r.chain === 'whole-b')).toEqual({ chain: 'whole-b', events: 1, broken: null });
  });

  it.skipIf(unavailable)('events of no workspace make a chain of their own', async () => {
    const before = (await verifyChains(store.db)).find((r) => r.chain === '')?.events ?? 0;
    await appendEvent(store.db, event(null, 5));
    expect((await verifyChains(store.db)).find((r) => r.chain === '')).toEqual({ chain: '', events: before + 1, broken: null });
  });

  it.skipIf(unavailable)('refuses UPDATE, DELETE and TRUNCATE on events', async () => {
    const e = await appendEvent(store.db, event('locked', 1));
    for (const statement of [
      sql`UPDATE activity_events SET outcome = 'ok'`,
      sql`DELETE FROM activity_events`,
      sql`TRUNCATE activity_events`,
    ])
      expect(await refusal(store.db.execute(statement))).toMatch(/append-only/);
    const left = (await store.db.execute(sql`SELECT count(*)::int AS n FROM activity_events WHERE id = ${e.id}`)) as unknown as {
      rows: { n: number }[];
    };
    expect(left.rows[0]?.n).toBe(1);
    expect((await verifyChains(store.db)).find((r) => r.chain === 'locked')?.broken).toBeNull();
  });

  it.skipIf(unavailable)('names the first event altered, removed or inserted by hand in SQL', async () => {
    const chainOf = async (name: string) => [
      await appendEvent(store.db, event(name, 1)),
      await appendEvent(store.db, event(name, 2)),
      await appendEvent(store.db, event(name, 3)),
    ];
    const broken = async (name: string) => (await verifyChains(store.db)).find((r) => r.chain === name)?.broken;

    const [, altered] = await chainOf('altered');
    expect(await broken('altered')).toBeNull();
    await tamper(store, `UPDATE activity_events SET after = '{"applications":[]}' WHERE id = '${altered!.id}'`);
    expect(await broken('altered')).toMatchObject({ id: altered!.id, reason: 'altered' });

    const [, removed, next] = await chainOf('removed');
    await tamper(store, `DELETE FROM activity_events WHERE id = '${removed!.id}'`);
    expect(await broken('removed')).toMatchObject({ id: next!.id, reason: 'inserted or an event before it removed' });

    const [first] = await chainOf('inserted');
    await tamper(
      store,
      `INSERT INTO activity_events (id, at, chain, workspace, actor, action, target, outcome, status, request_id, prev_hash, hash)
       SELECT 'forged', at, chain, workspace, actor, action, target, outcome, status, request_id, md5(hash) || md5(hash), hash FROM activity_events WHERE id = '${first!.id}'`,
    );
    expect(await broken('inserted')).toMatchObject({ id: 'forged' });
  });

  it.skipIf(unavailable)('retention removes only the oldest events, says so in the chain, and the chain stays whole', async () => {
    const first = await appendEvent(store.db, event('retained', 1));
    const second = await appendEvent(store.db, event('retained', 2));
    await appendEvent(store.db, event('retained', 3));
    // As if a day had passed since the second event, keeping one day: only the first is older.
    const removed = await applyRetention(store.db, 1, new Date(second.at.getTime() + 86_400_000));
    expect(removed).toContainEqual({ chain: 'retained', removed: 1 });
    const left = (await store.db.execute(sql`SELECT id, action FROM activity_events WHERE chain = 'retained' ORDER BY seq`)) as unknown as {
      rows: { id: string; action: string }[];
    };
    const rows = left.rows;
    expect(rows.map((r) => r.id)).not.toContain(first.id);
    expect(rows.map((r) => r.action)).toEqual(['account.link', 'account.link', 'activity.retention']);
    const report = async () => (await verifyChains(store.db)).find((r) => r.chain === 'retained');
    expect(await report()).toMatchObject({ broken: null, events: 3 });
    // Everything gone but the record of it, then new events: still one whole chain.
    await applyRetention(store.db, 1, new Date(Date.now() + 2 * 86_400_000));
    await appendEvent(store.db, event('retained', 4));
    expect(await report()).toMatchObject({ broken: null, events: 2 });
    // Outside the retention job, DELETE is still refused.
    expect(await refusal(store.db.execute(sql`DELETE FROM activity_events WHERE chain = 'retained'`))).toMatch(/append-only/);
  });

  it.skipIf(unavailable)('never stores a token: what goes in is what the caller gave, and the caller gives hints', async () => {
    const e = await appendEvent(store.db, {
      ...event('acme', 9),
      action: 'account.rotate-token',
      before: { tokenHint: 'AB12' },
      after: { tokenHint: 'CD34' },
    });
    const rows = await store.db.execute(sql`SELECT before, after FROM activity_events WHERE id = ${e.id}`);
    expect(JSON.stringify(rows)).not.toMatch(/EAAG/);
  });

  it.skipIf(unavailable)('a second instance opening the same store finds the migrations applied', async () => {
    if (store.engine === 'pglite') return; // one process at a time on an embedded store
    // An event of its own: the test must not depend on what the tests before it (in any order) wrote.
    await appendEvent(store.db, event('second-instance', 1));
    const [second, third] = await Promise.all([open(), open()]);
    expect((await verifyChains(second.db)).find((r) => r.chain === 'second-instance')).toEqual({
      chain: 'second-instance',
      events: 1,
      broken: null,
    });
    await Promise.all([second.close(), third.close()]);
  });

  it.skipIf(unavailable)('appends asked for at once are written together, in the order asked, each caller told of its own', async () => {
    const insert = vi.spyOn(store.db, 'insert');
    try {
      const asked = Array.from({ length: 60 }, (_, n) => event('together', n));
      const written = await Promise.all(asked.map((e) => appendEvent(store.db, e)));
      expect(written.map((e) => e.requestId)).toEqual(asked.map((e) => e.requestId));
      // Asked for in the same turn: all 60 share one statement.
      expect(insert).toHaveBeenCalledTimes(1);
      const rows = (await store.db.execute(
        sql`SELECT id, request_id FROM activity_events WHERE chain = 'together' ORDER BY seq`,
      )) as unknown as { rows: { id: string; request_id: string }[] };
      expect(rows.rows.map((r) => r.request_id)).toEqual(asked.map((e) => e.requestId));
      expect(rows.rows.map((r) => r.id)).toEqual(written.map((e) => e.id));
      expect((await verifyChains(store.db)).find((r) => r.chain === 'together')).toEqual({ chain: 'together', events: 60, broken: null });
    } finally {
      insert.mockRestore();
    }
  });

  it.skipIf(unavailable)('an event the store refuses fails alone: the others written with it are kept, the chain whole', async () => {
    const asked = Array.from({ length: 5 }, (_, n) => event('one-refused', n));
    // jsonb cannot hold a NUL character: PostgreSQL refuses this one event.
    asked[2] = { ...asked[2]!, after: { note: 'a\u0000b' } };
    const settled = await Promise.allSettled(asked.map((e) => appendEvent(store.db, e)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((await verifyChains(store.db)).find((r) => r.chain === 'one-refused')).toEqual({
      chain: 'one-refused',
      events: 4,
      broken: null,
    });
  });

  it.skipIf(unavailable)('writers on two connections at once still make one chain', async () => {
    const other = store.engine === 'postgres' ? await open() : store;
    await Promise.all(Array.from({ length: 40 }, (_, n) => appendEvent((n % 2 ? other : store).db, event('busy', n))));
    const report = (await verifyChains(store.db)).find((r) => r.chain === 'busy');
    expect(report).toEqual({ chain: 'busy', events: 40, broken: null });
    if (other !== store) await other.close();
  });
});
