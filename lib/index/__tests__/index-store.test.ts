import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@/lib/db/client';
import { eq, sql } from 'drizzle-orm';
import { indexAccountTotals, indexAccounts, indexReads } from '@/lib/db/schema';
import type { Account } from '@/lib/schemas/account';
import { dropAccount, endLease, findAccount, markUnlinked, putAccounts, readStates, settleIndex, sweep, takeLease } from '../store';
import { search, wholeIds } from '../search';
import { storeEngines } from '@/tests/support/databases';

const APP = '6a2b1f7e-1c1d-4e0a-9b4e-0d7c1b2a3f4e';
const account = (externalId: string, over: Partial<Account> = {}): Account => ({
  provider: 'whatsapp',
  externalId,
  name: `Number ${externalId}`,
  applications: [],
  apiKey: 'abcd1234',
  accessTokenHint: null,
  ...over,
});

describe.each(storeEngines)('the account index on %s', (engine, unavailable, make) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    if (unavailable) return;
    let open: () => Promise<Store>;
    ({ open, drop } = await make());
    store = await open();
  }, 60_000);
  afterAll(async () => {
    if (unavailable) return;
    await store?.close();
    await drop?.();
  });

  it.skipIf(unavailable)('keeps the latest answer per account, never a token', async () => {
    await putAccounts(store.db, 'w1', [account('447700900001'), account('447700900002')]);
    await putAccounts(store.db, 'w1', [account('447700900001', { name: 'Renamed', applications: [APP] })]);
    const row = await findAccount(store.db, 'w1', 'whatsapp', '447700900001');
    expect(row).toMatchObject({ name: 'Renamed', applicationId: APP, search: 'renamed 447700900001' });
    await markUnlinked(store.db, 'w1', 'whatsapp', '447700900001', APP);
    expect((await findAccount(store.db, 'w1', 'whatsapp', '447700900001'))?.applicationId).toBeNull();
    await dropAccount(store.db, 'w1', 'whatsapp', '447700900002');
    expect(await findAccount(store.db, 'w1', 'whatsapp', '447700900002')).toBeNull();
    const columns = Object.keys(indexAccounts);
    expect(columns.filter((c) => /token/i.test(c))).toEqual(['accessTokenHint']);
  });

  it.skipIf(unavailable)('a whole re-read marks gone only what it did not see, in its own workspace', async () => {
    const old = new Date(Date.now() - 60_000);
    await putAccounts(store.db, 'w2', [account('447700900011'), account('447700900012')], old);
    await putAccounts(store.db, 'w3', [account('447700900011')], old);
    const readStart = new Date();
    await putAccounts(store.db, 'w2', [account('447700900011')]);
    await sweep(store.db, 'w2', readStart);
    expect(await findAccount(store.db, 'w2', 'whatsapp', '447700900011')).not.toBeNull();
    expect(await findAccount(store.db, 'w2', 'whatsapp', '447700900012')).toBeNull();
    expect(await findAccount(store.db, 'w3', 'whatsapp', '447700900011')).not.toBeNull();
  });

  it.skipIf(unavailable)('the totals per provider and application follow every write, as a count of the rows would', async () => {
    const APP2 = '7b3c2a8f-2d2e-4f1b-8c5f-1e8d2c3b4a5f';
    const totals = async (ws: string) =>
      Object.fromEntries(
        (await store.db.select().from(indexAccountTotals).where(eq(indexAccountTotals.workspace, ws))).map((r) => [
          `${r.provider}/${r.applicationId || 'none'}`,
          r.n,
        ]),
      );
    const old = new Date(Date.now() - 60_000);
    await putAccounts(
      store.db,
      'w6',
      [account('447700900021'), account('447700900022'), account('447700900023', { applications: [APP] })],
      old,
    );
    await putAccounts(store.db, 'w7', [account('447700900021')], old);
    expect(await totals('w6')).toEqual({ 'whatsapp/none': 2, [`whatsapp/${APP}`]: 1 });
    // A link (an update of one row), a rename (no change of group), a new Messenger account.
    await putAccounts(store.db, 'w6', [account('447700900021', { applications: [APP2] }), account('447700900022', { name: 'Renamed' })]);
    await putAccounts(store.db, 'w6', [account('1234567890', { provider: 'messenger' })]);
    expect(await totals('w6')).toEqual({ 'whatsapp/none': 1, [`whatsapp/${APP}`]: 1, [`whatsapp/${APP2}`]: 1, 'messenger/none': 1 });
    await markUnlinked(store.db, 'w6', 'whatsapp', '447700900023', APP);
    await dropAccount(store.db, 'w6', 'messenger', '1234567890');
    expect(await totals('w6')).toEqual({ 'whatsapp/none': 2, [`whatsapp/${APP2}`]: 1 });
    // A re-read that sees only one account again: the rest are gone, in this workspace only.
    const readStart = new Date();
    await putAccounts(store.db, 'w6', [account('447700900021', { applications: [APP2] })]);
    await sweep(store.db, 'w6', readStart);
    expect(await totals('w6')).toEqual({ [`whatsapp/${APP2}`]: 1 });
    expect(await totals('w7')).toEqual({ 'whatsapp/none': 1 });
  });

  it.skipIf(unavailable)(
    'after a re-read the planner has statistics for the index (ANALYZE, which also merges the trigram pending list)',
    async () => {
      const stats = async () =>
        (await store.query({ text: "SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'index_accounts'" })).rows[0]!.n as number;
      await putAccounts(store.db, 'w8', [account('447700900031'), account('447700900032', { name: 'Another name' })]);
      // PGlite has no autovacuum: nothing but settleIndex analyses there (a server's autovacuum may, any time).
      if (engine === 'PGlite') expect(await stats()).toBe(0);
      await settleIndex(store.db);
      expect(await stats()).toBeGreaterThan(0);
    },
  );

  it.skipIf(unavailable)('one instance at a time holds a workspace’s lease; a failed read keeps the last “as of”', async () => {
    expect(await takeLease(store.db, 'w4', 'one', 60_000)).toBe(true);
    expect(await takeLease(store.db, 'w4', 'two', 60_000)).toBe(false);
    expect((await readStates(store.db, ['w4'])).get('w4')).toMatchObject({ running: true, asOf: null });
    const readStart = new Date();
    await endLease(store.db, 'w4', 'one', { ok: true, readStart, accounts: 3, applications: 1, calls: 2 });
    expect((await readStates(store.db, ['w4'])).get('w4')).toMatchObject({ running: false, asOf: readStart, accounts: 3 });
    expect(await takeLease(store.db, 'w4', 'two', 60_000)).toBe(true);
    await endLease(store.db, 'w4', 'two', { ok: false, readStart: new Date(), accounts: 0, applications: 0, calls: 1 });
    expect((await readStates(store.db, ['w4'])).get('w4')).toMatchObject({ outcome: 'failed', asOf: readStart, accounts: 3 });
    // A lease left by a stopped instance runs out (its end put a second in the past, by the store's clock).
    expect(await takeLease(store.db, 'w5', 'gone', 60_000)).toBe(true);
    expect(await takeLease(store.db, 'w5', 'next', 60_000)).toBe(false);
    await store.db
      .update(indexReads)
      .set({ leaseUntil: sql`now() - interval '1 second'` })
      .where(eq(indexReads.workspace, 'w5'));
    expect(await takeLease(store.db, 'w5', 'next', 60_000)).toBe(true);
  });
});

describe('what a search asks Vonage live', () => {
  it.each([
    ['+44 7700 900001', ['whatsapp']],
    ['0044 7700 900001', ['whatsapp']],
    ['447700900001', ['whatsapp', 'messenger', 'viber_service_msg']],
    ['(0)-7700', []],
    ['Acme', []],
  ])('%s', (q, providers) => {
    expect(wholeIds(q).candidates.map((c) => c.provider)).toEqual(providers);
  });
});

describe('search by part of a name, on PGlite', () => {
  const slot = globalThis as typeof globalThis & { consoleStore?: Promise<Store> | null };
  let store: Store;
  let drop: () => Promise<void>;
  const ws = { id: 'w-search', name: 'Search', apiKey: 'abcd1234', apiSecret: 'x', jwt: null, baseUrl: 'http://127.0.0.1:9' };

  beforeAll(async () => {
    const [, , make] = storeEngines[0]!;
    let open: () => Promise<Store>;
    ({ open, drop } = await make());
    store = await open();
    slot.consoleStore = Promise.resolve(store);
  }, 60_000);
  afterAll(async () => {
    slot.consoleStore = null;
    await store?.close();
    await drop?.();
  });

  it('finds the name that starts with the query even when a hundred others contain it, and ranks it first', async () => {
    const others = Array.from({ length: 100 }, (_, i) =>
      account(`4477009010${String(i).padStart(2, '0')}`, { name: `Alpha support desk ${i}` }),
    );
    await putAccounts(store.db, ws.id, others);
    await putAccounts(store.db, ws.id, [account('447700901999', { name: 'Support desk' })]);
    await putAccounts(store.db, 'w-other', [account('447700901998', { name: 'Support desk elsewhere' })]);
    const found = await search([ws], 'support desk');
    expect(found.items).toHaveLength(20);
    expect(found.items[0]).toMatchObject({
      workspace: ws.id,
      source: 'index',
      account: { name: 'Support desk', externalId: '447700901999' },
    });
    expect(found.items.every((h) => h.workspace === ws.id)).toBe(true);
  });
});
