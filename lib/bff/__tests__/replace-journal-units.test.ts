import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { storeForFile, writeConfig } from '@/lib/auth/__tests__/store-fixture';
import type { User, Workspace } from '@/lib/config/load';
import type { Store } from '@/lib/db/client';
import { activityEvents, replaceIntents } from '@/lib/db/schema';
import { requestContext, setLogLevel } from '@/lib/log';

/*
 * The journal of replaces (lib/bff/replace-journal.ts) on a PGlite store of its own: the intent written before the
 * upstream calls and removed after, its lease renewed while the replace runs, a lapsed one claimed by exactly one
 * instance and put right. Vonage is the edge replaced here (its calls captured); the store, the activity log and the
 * config are real. A store that refuses a write is a trigger in that store, on intents of a marked account.
 */
writeConfig();

const upstream = vi.hoisted(() => ({
  calls: [] as unknown[][],
  /** What each account holds at Vonage (by external id); an account with a `fail` answers with it thrown, one with a
   * `wait` answers a read once it resolves. */
  accounts: new Map<string, { applications: string[]; fail?: unknown; wait?: Promise<void> }>(),
}));
vi.mock('@/lib/vonage/accounts', () => ({
  readAccount: async (ws: { id: string }, provider: string, externalId: string) => {
    upstream.calls.push(['readAccount', ws.id, provider, externalId]);
    const account = upstream.accounts.get(externalId);
    if (!account) throw new Error(`no account ${externalId}`);
    await account.wait;
    if (account.fail !== undefined) throw account.fail;
    return { externalId, applications: [...account.applications] };
  },
  linkApplication: async (ws: { id: string }, provider: string, externalId: string, applicationId: string) => {
    upstream.calls.push(['linkApplication', ws.id, provider, externalId, applicationId]);
    const account = upstream.accounts.get(externalId)!;
    account.applications.push(applicationId);
    return { externalId, applications: [...account.applications] };
  },
}));

const { claimLapsed, journaled, recoverCutReplaces, scheduleReplaceRecovery } = await import('../replace-journal');

const LEASE_MS = 10_000;
const T0 = Date.parse('2026-12-01T09:00:00Z');
const slot = globalThis as typeof globalThis & { replaceJournalOwner?: string; replaceRecovery?: NodeJS.Timeout };
/** This instance, as the journal names it in the store. */
const me = () => slot.replaceJournalOwner!;

let db: Store['db'];
let query: Store['query'];
storeForFile((s) => {
  db = s.db;
  query = s.query;
});

beforeAll(async () => {
  // Intents of an account whose id starts with refuse-<statement>- are refused by the store on that statement.
  await query({
    text: `CREATE FUNCTION refuse_marked_intent() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (CASE WHEN TG_OP = 'DELETE' THEN OLD.external_id ELSE NEW.external_id END) LIKE 'refuse-' || lower(TG_OP) || '-%' THEN
          RAISE EXCEPTION 'store refuses % of intent', lower(TG_OP);
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`,
  });
  await query({
    text: `CREATE TRIGGER refuse_marked_intent BEFORE INSERT OR UPDATE OR DELETE ON replace_intents
      FOR EACH ROW EXECUTE FUNCTION refuse_marked_intent()`,
  });
});

let logs: Record<string, unknown>[] = [];
beforeEach(async () => {
  // Every test starts with no intent (TRUNCATE passes by the refusing trigger): a claim takes only the test's own.
  await query({ text: 'TRUNCATE replace_intents' });
  upstream.calls.length = 0;
  upstream.accounts.clear();
  logs = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
    return true;
  });
  setLogLevel('warn');
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  setLogLevel(null);
  if (slot.replaceRecovery) clearInterval(slot.replaceRecovery);
  slot.replaceRecovery = undefined;
});

/** Fakes the clock and the journal's timers only; the store's own timers stay real. */
const fakeClock = (now: number) => vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now });

/** The error a statement the store refused is logged with (drizzle's words, with the statement). */
const refused = (statement: string) => expect.stringMatching(new RegExp(`^Failed query: ${statement} "replace_intents"`));

const unique = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

/** Waits (on the event loop's own turns, not a clock the test may have stopped) until `condition` holds. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let turn = 0; !(await condition()); turn += 1) {
    if (turn > 10_000) throw new Error('the condition never held');
    await new Promise((r) => setImmediate(r));
  }
}

const workspace = (id: string): Workspace => ({ id, name: id, apiKey: 'k', apiSecret: 's', jwt: null, baseUrl: 'http://127.0.0.1:9' });
const sam: User = { email: 'sam@example.com', name: 'Sam', role: 'support', workspace: null, passwordHash: 'x', source: 'config' };
const ssoUser: User = { email: 'ana@example.com', name: 'Ana', role: 'admin', workspace: null, passwordHash: null, source: 'sso:okta' };

const intentOf = (externalId: string, over: { from?: string | null; user?: User; ws?: string } = {}) => ({
  workspace: workspace(over.ws ?? 'acme'),
  provider: 'whatsapp' as const,
  externalId,
  from: over.from === undefined ? 'old-app' : over.from,
  to: 'new-app',
  user: over.user ?? sam,
});

const rowsOf = (externalId: string) => db.select().from(replaceIntents).where(eq(replaceIntents.externalId, externalId));
const eventsOf = (externalId: string) =>
  db
    .select()
    .from(activityEvents)
    .then((all) => all.filter((e) => (e.target as { id: string }).id === externalId));

/** An intent of an instance that died, as it left it in the store. */
async function cutIntent(
  externalId: string,
  over: { leaseUntil?: number; workspace?: string; provider?: string; from?: string | null } = {},
): Promise<string> {
  const id = randomUUID();
  await db.insert(replaceIntents).values({
    id,
    workspace: over.workspace ?? 'acme',
    provider: over.provider ?? 'whatsapp',
    externalId,
    fromApplication: over.from === undefined ? 'old-app' : over.from,
    toApplication: 'new-app',
    actor: { email: 'sam@example.com', name: 'Sam', role: 'support', via: 'password' },
    requestId: `req-${id}`,
    owner: 'instance-gone',
    startedAt: new Date(T0 - 60_000),
    leaseUntil: new Date(over.leaseUntil ?? T0 - 1),
  });
  return id;
}

describe('journaled', () => {
  it('holds the intent in the store while the replace runs, under a lease of this instance, and removes it after', async () => {
    fakeClock(T0);
    const externalId = unique('4477001');
    let during: unknown[] = [];
    const answer = await journaled(intentOf(externalId), async () => {
      during = await rowsOf(externalId);
      return { replaced: true };
    });
    expect(answer).toEqual({ replaced: true });
    expect(during).toEqual([
      {
        id: expect.any(String),
        workspace: 'acme',
        provider: 'whatsapp',
        externalId,
        fromApplication: 'old-app',
        toApplication: 'new-app',
        actor: { email: 'sam@example.com', name: 'Sam', role: 'support', via: 'password' },
        requestId: (during[0] as { id: string }).id,
        owner: me(),
        startedAt: new Date(T0),
        leaseUntil: new Date(T0 + LEASE_MS),
      },
    ]);
    expect(me()).toMatch(new RegExp(`^${process.pid}-[0-9a-f-]{36}$`));
    expect(await rowsOf(externalId)).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps the request id of the request it runs in, an SSO user as such, and a replace of an account with no application', async () => {
    const externalId = unique('4477002');
    const during = await requestContext.run({ requestId: 'req-journal-2' }, () =>
      journaled(intentOf(externalId, { from: null, user: ssoUser }), () => rowsOf(externalId)),
    );
    expect(during).toMatchObject([
      {
        requestId: 'req-journal-2',
        fromApplication: null,
        actor: { email: 'ana@example.com', name: 'Ana', role: 'admin', via: 'sso' },
      },
    ]);
    expect(await rowsOf(externalId)).toEqual([]);
  });

  it('gives every replace an intent of its own', async () => {
    const a = unique('4477003');
    const b = unique('4477004');
    const ids = await journaled(intentOf(a), () =>
      journaled(intentOf(b), async () => [...(await rowsOf(a)), ...(await rowsOf(b))].map((r) => r.id)),
    );
    expect(new Set(ids).size).toBe(2);
  });

  it('removes the intent when the replace fails, and the caller gets the failure', async () => {
    fakeClock(T0);
    const externalId = unique('4477005');
    const failure = new Error('upstream refused the link');
    await expect(
      journaled(intentOf(externalId), async () => {
        expect(await rowsOf(externalId)).toHaveLength(1);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await rowsOf(externalId)).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('renews the lease every two seconds while the replace runs', async () => {
    fakeClock(T0);
    const externalId = unique('4477006');
    const leases: number[] = [];
    const lease = async () => (await rowsOf(externalId))[0]!.leaseUntil.getTime();
    await journaled(intentOf(externalId), async () => {
      await vi.advanceTimersByTimeAsync(1_999);
      leases.push(await lease());
      await vi.advanceTimersByTimeAsync(1);
      leases.push(await lease());
      await vi.advanceTimersByTimeAsync(2_000);
      leases.push(await lease());
    });
    expect(leases).toEqual([T0 + LEASE_MS, T0 + 2_000 + LEASE_MS, T0 + 4_000 + LEASE_MS]);
    expect(logs).toEqual([]);
  });

  it('does not take back an intent another instance claimed meanwhile (its lease had run out)', async () => {
    fakeClock(T0);
    const externalId = unique('4477007');
    let after: unknown[] = [];
    await journaled(intentOf(externalId), async () => {
      const claimed = await claimLapsed(db, 'instance-b', T0 + LEASE_MS + 1);
      expect(claimed.map((r) => r.externalId)).toEqual([externalId]);
      await vi.advanceTimersByTimeAsync(2_000);
      after = await rowsOf(externalId);
    });
    expect(after).toMatchObject([{ owner: 'instance-b', leaseUntil: new Date(T0 + 2 * LEASE_MS + 1) }]);
  });

  it('refuses the replace when the store cannot take the intent: nothing is run', async () => {
    const externalId = unique('refuse-insert-1');
    const work = vi.fn(async () => 'ran');
    await expect(journaled(intentOf(externalId), work)).rejects.toThrow();
    expect(work).not.toHaveBeenCalled();
    expect(await rowsOf(externalId)).toEqual([]);
  });

  it('logs a renewal the store refuses, and the replace goes on', async () => {
    fakeClock(T0);
    const externalId = unique('refuse-update-1');
    const answer = await journaled(intentOf(externalId), async () => {
      await vi.advanceTimersByTimeAsync(2_000);
      // The renewal is not awaited by the replace: reading the row waits for it in the store's queue.
      expect(await rowsOf(externalId)).toMatchObject([{ leaseUntil: new Date(T0 + LEASE_MS) }]);
      return 'done';
    });
    expect(answer).toBe('done');
    expect(logs).toMatchObject([{ level: 'warn', msg: 'replace intent not renewed', error: refused('update') }]);
  });

  it('logs an intent the store cannot remove; the caller still gets the answer and the intent stays for recovery', async () => {
    const externalId = unique('refuse-delete-1');
    expect(await journaled(intentOf(externalId), async () => 'linked')).toBe('linked');
    expect(await rowsOf(externalId)).toHaveLength(1);
    expect(logs).toMatchObject([{ level: 'warn', msg: 'replace intent not removed', error: refused('delete from') }]);
  });
});

describe('claimLapsed', () => {
  it('takes over the intents whose lease ran out before now, under a fresh lease, and leaves a live one', async () => {
    const lapsed = unique('4477101');
    const older = unique('4477102');
    const atNow = unique('4477103');
    const live = unique('4477104');
    await cutIntent(lapsed, { leaseUntil: T0 - 1 });
    await cutIntent(older, { leaseUntil: T0 - 60_000 });
    await cutIntent(atNow, { leaseUntil: T0 });
    await cutIntent(live, { leaseUntil: T0 + 5_000 });
    const claimed = await claimLapsed(db, 'instance-a', T0);
    expect(claimed.map((r) => r.externalId).sort()).toEqual([lapsed, older].sort());
    for (const r of claimed) expect(r).toMatchObject({ owner: 'instance-a', leaseUntil: new Date(T0 + LEASE_MS) });
    expect(await rowsOf(lapsed)).toMatchObject([{ owner: 'instance-a', leaseUntil: new Date(T0 + LEASE_MS) }]);
    expect(await rowsOf(atNow)).toMatchObject([{ owner: 'instance-gone', leaseUntil: new Date(T0) }]);
    expect(await rowsOf(live)).toMatchObject([{ owner: 'instance-gone', leaseUntil: new Date(T0 + 5_000) }]);
  });

  it('gives a lapsed intent to exactly one of two instances looking at the same moment', async () => {
    const externalId = unique('4477105');
    await cutIntent(externalId);
    const [a, b] = await Promise.all([claimLapsed(db, 'instance-a', T0), claimLapsed(db, 'instance-b', T0)]);
    expect([...a, ...b].map((r) => r.externalId)).toEqual([externalId]);
    expect(await claimLapsed(db, 'instance-c', T0 + 1)).toEqual([]);
  });

  it('looks at the time of the clock when given none', async () => {
    fakeClock(T0 + 30_000);
    const lapsed = unique('4477106');
    const live = unique('4477107');
    await cutIntent(lapsed, { leaseUntil: T0 + 29_000 });
    await cutIntent(live, { leaseUntil: T0 + 31_000 });
    const claimed = await claimLapsed(db, 'instance-a');
    expect(claimed).toMatchObject([{ externalId: lapsed, owner: 'instance-a', leaseUntil: new Date(T0 + 30_000 + LEASE_MS) }]);
  });
});

describe('recoverCutReplaces', () => {
  const event = (externalId: string, requestId: string, after: Record<string, unknown>) => ({
    workspace: 'acme',
    actor: { email: 'sam@example.com', name: 'Sam', role: 'support', via: 'password' },
    action: 'account.replace',
    target: { kind: 'account', id: externalId, provider: 'whatsapp' },
    before: { applicationId: 'old-app' },
    after: { applicationId: 'new-app', cut: true, ...after },
    outcome: 'failed',
    status: 502,
    upstreamStatus: null,
    requestId,
    correlationId: null,
    ip: null,
    userAgent: null,
  });

  it('links the old application again to an account left with none, records it and removes the intent', async () => {
    const externalId = unique('4477201');
    const id = await cutIntent(externalId);
    upstream.accounts.set(externalId, { applications: [] });
    expect(await recoverCutReplaces(T0)).toBe(1);
    expect(upstream.calls).toEqual([
      ['readAccount', 'acme', 'whatsapp', externalId],
      ['linkApplication', 'acme', 'whatsapp', externalId, 'old-app'],
    ]);
    expect(await eventsOf(externalId)).toMatchObject([event(externalId, `req-${id}`, { restored: true, applications: ['old-app'] })]);
    expect(await rowsOf(externalId)).toEqual([]);
    expect(logs).toMatchObject([{ level: 'warn', msg: 'cut replace put right', workspace: 'acme', restored: true }]);
  });

  it('leaves an account that has an application as it is, and records what it has', async () => {
    const externalId = unique('4477202');
    const id = await cutIntent(externalId);
    upstream.accounts.set(externalId, { applications: ['new-app'] });
    expect(await recoverCutReplaces(T0)).toBe(1);
    expect(upstream.calls).toEqual([['readAccount', 'acme', 'whatsapp', externalId]]);
    expect(await eventsOf(externalId)).toMatchObject([event(externalId, `req-${id}`, { restored: false, applications: ['new-app'] })]);
    expect(await rowsOf(externalId)).toEqual([]);
    expect(logs).toMatchObject([{ level: 'warn', msg: 'cut replace put right', workspace: 'acme', restored: false }]);
  });

  it('links nothing to an account that had no application before the replace', async () => {
    const externalId = unique('4477203');
    await cutIntent(externalId, { from: null });
    upstream.accounts.set(externalId, { applications: [] });
    expect(await recoverCutReplaces(T0)).toBe(1);
    expect(upstream.calls).toEqual([['readAccount', 'acme', 'whatsapp', externalId]]);
    expect(await eventsOf(externalId)).toMatchObject([
      { before: { applicationId: null }, after: { applicationId: 'new-app', cut: true, restored: false, applications: [] } },
    ]);
    expect(await rowsOf(externalId)).toEqual([]);
  });

  it('records the cut replace of a workspace no longer in the config without asking Vonage', async () => {
    const externalId = unique('4477204');
    await cutIntent(externalId, { workspace: 'initech' });
    expect(await recoverCutReplaces(T0)).toBe(1);
    expect(upstream.calls).toEqual([]);
    expect(await eventsOf(externalId)).toMatchObject([
      { workspace: 'initech', after: { applicationId: 'new-app', cut: true, restored: false, applications: [] } },
    ]);
    expect(await rowsOf(externalId)).toEqual([]);
  });

  it('keeps an intent Vonage could not be asked about, claimed by this instance, and puts it right after its lease', async () => {
    const externalId = unique('4477205');
    await cutIntent(externalId);
    upstream.accounts.set(externalId, { applications: [], fail: new Error('Vonage answered 503') });
    expect(await recoverCutReplaces(T0)).toBe(0);
    expect(await rowsOf(externalId)).toMatchObject([{ owner: me(), leaseUntil: new Date(T0 + LEASE_MS) }]);
    expect(await eventsOf(externalId)).toEqual([]);
    expect(logs).toMatchObject([{ level: 'warn', msg: 'cut replace not put right yet', workspace: 'acme', error: 'Vonage answered 503' }]);
    // While its new lease runs, no instance takes it again.
    expect(await recoverCutReplaces(T0 + LEASE_MS - 1)).toBe(0);
    expect(upstream.calls).toHaveLength(1);
    upstream.accounts.set(externalId, { applications: [] });
    expect(await recoverCutReplaces(T0 + LEASE_MS + 1)).toBe(1);
    expect(upstream.calls.at(-1)).toEqual(['linkApplication', 'acme', 'whatsapp', externalId, 'old-app']);
    expect(await rowsOf(externalId)).toEqual([]);
  });

  it('logs an upstream failure that is not an Error by what it says', async () => {
    const externalId = unique('4477206');
    await cutIntent(externalId);
    upstream.accounts.set(externalId, { applications: [], fail: 'socket hang up' });
    expect(await recoverCutReplaces(T0)).toBe(0);
    expect(logs).toMatchObject([{ msg: 'cut replace not put right yet', error: 'socket hang up' }]);
  });

  it('counts the intents it settled, not those it claimed', async () => {
    const ok = unique('4477207');
    const okToo = unique('4477208');
    const failing = unique('4477209');
    await cutIntent(ok);
    await cutIntent(okToo, { provider: 'messenger' });
    await cutIntent(failing);
    upstream.accounts.set(ok, { applications: [] });
    upstream.accounts.set(okToo, { applications: ['x-app'] });
    upstream.accounts.set(failing, { applications: [], fail: new Error('timeout') });
    expect(await recoverCutReplaces(T0)).toBe(2);
    expect(upstream.calls).toContainEqual(['readAccount', 'acme', 'messenger', okToo]);
    expect(await eventsOf(okToo)).toMatchObject([{ target: { kind: 'account', id: okToo, provider: 'messenger' } }]);
    expect(await rowsOf(failing)).toHaveLength(1);
  });

  it('keeps renewing the leases of the intents it claimed until each is settled: a slow Vonage gets none claimed twice', async () => {
    fakeClock(T0);
    const first = unique('4477213');
    const second = unique('4477214');
    await cutIntent(first);
    await cutIntent(second);
    let answer!: () => void;
    upstream.accounts.set(first, { applications: [], wait: new Promise((r) => (answer = r)) });
    upstream.accounts.set(second, { applications: [] });
    const recovering = recoverCutReplaces(T0);
    await until(() => upstream.calls.length === 1);

    // Vonage takes 13 s over the first read: past the lease the two were claimed with.
    await vi.advanceTimersByTimeAsync(13_000);
    await until(async () => (await rowsOf(second))[0]!.leaseUntil.getTime() === T0 + 12_000 + LEASE_MS);
    expect(await rowsOf(first)).toMatchObject([{ owner: me(), leaseUntil: new Date(T0 + 12_000 + LEASE_MS) }]);
    expect(await claimLapsed(db, 'instance-b', T0 + 13_000)).toEqual([]);

    answer();
    expect(await recoverCutReplaces(T0 + 13_000)).toBe(0); // this instance's next look, meanwhile: nothing lapsed
    expect(await recovering).toBe(2);
    expect(await eventsOf(first)).toHaveLength(1);
    expect(await eventsOf(second)).toHaveLength(1);
    expect(upstream.calls.filter(([op]) => op === 'readAccount')).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves an intent whose replace is still running', async () => {
    const externalId = unique('4477210');
    await cutIntent(externalId, { leaseUntil: T0 + 1 });
    expect(await recoverCutReplaces(T0)).toBe(0);
    expect(upstream.calls).toEqual([]);
    expect(await rowsOf(externalId)).toMatchObject([{ owner: 'instance-gone' }]);
  });

  it('looks at the time of the clock when given none', async () => {
    fakeClock(T0 + 50_000);
    const lapsed = unique('4477211');
    const live = unique('4477212');
    await cutIntent(lapsed, { leaseUntil: T0 + 49_000 });
    await cutIntent(live, { leaseUntil: T0 + 51_000 });
    upstream.accounts.set(lapsed, { applications: ['new-app'] });
    expect(await recoverCutReplaces()).toBe(1);
    expect(upstream.calls).toEqual([['readAccount', 'acme', 'whatsapp', lapsed]]);
  });
});

describe('scheduleReplaceRecovery', () => {
  it('looks for cut replaces every two seconds, with one timer however often it is asked, that does not keep the process up', async () => {
    fakeClock(T0);
    const externalId = unique('4477301');
    await cutIntent(externalId, { leaseUntil: T0 + 1_000 });
    upstream.accounts.set(externalId, { applications: [] });
    scheduleReplaceRecovery();
    scheduleReplaceRecovery();
    expect(vi.getTimerCount()).toBe(1);
    expect(slot.replaceRecovery?.hasRef()).toBe(false);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(upstream.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(async () => expect(await rowsOf(externalId)).toEqual([]));
    expect(upstream.calls).toEqual([
      ['readAccount', 'acme', 'whatsapp', externalId],
      ['linkApplication', 'acme', 'whatsapp', externalId, 'old-app'],
    ]);
  });

  it('logs a recovery that failed and keeps looking', async () => {
    fakeClock(T0);
    const externalId = unique('refuse-update-2');
    await cutIntent(externalId, { leaseUntil: T0 - 1 });
    scheduleReplaceRecovery();
    await vi.advanceTimersByTimeAsync(2_000);
    await vi.waitFor(() => expect(logs).toMatchObject([{ level: 'error', msg: 'replace recovery failed', error: refused('update') }]));
    await vi.advanceTimersByTimeAsync(2_000);
    await vi.waitFor(() => expect(logs).toHaveLength(2));
    expect(vi.getTimerCount()).toBe(1);
  });
});
