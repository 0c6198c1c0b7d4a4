import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@/lib/db/client';
import { indexAccounts } from '@/lib/db/schema';
import type { Account } from '@/lib/schemas/account';
import { dropAccount, endLease, findAccount, markUnlinked, putAccounts, readStates, sweep, takeLease } from '../store';
import { wholeIds } from '../search';
import { freshPostgresDatabase, migratedPgliteDir, postgresUnavailable } from '@/tests/support/databases';

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

const engines: [string, string | null, () => Promise<{ open: () => Promise<Store>; drop: () => Promise<void> }>][] = [
  [
    'PGlite',
    null,
    async () => {
      const { dir, drop } = await migratedPgliteDir();
      return { open: () => openStore({ dataDir: dir }), drop };
    },
  ],
  [
    'PostgreSQL',
    postgresUnavailable,
    async () => {
      const { url, drop } = await freshPostgresDatabase();
      return { open: () => openStore({ databaseUrl: url, dataDir: '' }), drop };
    },
  ],
];

describe.each(engines)('the account index on %s', (_engine, unavailable, make) => {
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
    // A lease left by a stopped instance runs out.
    expect(await takeLease(store.db, 'w5', 'gone', 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
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
