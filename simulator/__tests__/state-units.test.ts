import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StateWriter } from '../persist';
import { seedTenant, syncJwtApplications } from '../seed';
import { digitsFrom, fakePageToken, uuidFrom } from '../seed-util';
import { Store } from '../store';
import type { StateFile, StoredAccount, TenantConfig, TenantsFile } from '../types';
import { tempDir } from './helpers';

/*
 * The simulator's state where it is kept, without a server: the seed every test and the demo start from, the
 * store's paging and index, and state.json's writes (coalesced, atomic, tried again after a failure).
 */
afterEach(() => vi.restoreAllMocks());

const acme: TenantConfig = {
  apiKey: 'k-acme',
  apiSecret: 's',
  name: 'Acme',
  seed: 'acme',
  jwtApplications: [
    { id: 'app-one', name: 'Console', publicKey: 'PEM-1' },
    { id: 'app-two', name: 'Console 2', publicKey: 'PEM-2' },
  ],
};
const empty: TenantConfig = { apiKey: 'k-empty', apiSecret: 's', name: 'Empty', seed: 'empty', jwtApplications: [] };
const file = (...tenants: TenantConfig[]): TenantsFile => ({ tenants });
const stateOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')) as StateFile;

describe('seed helpers', () => {
  it('uuidFrom is a stable v4-shaped UUID; other inputs give other ids', () => {
    const id = uuidFrom('x');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFrom('x')).toBe(id);
    expect(uuidFrom('y')).not.toBe(id);
  });

  it('digitsFrom gives exactly n digits, never starting with 0, the same for the same input', () => {
    for (const n of [1, 5, 13, 40]) {
      const d = digitsFrom(`seed-${n}`, n);
      expect(d).toMatch(new RegExp(`^[1-9][0-9]{${n - 1}}$`));
      expect(digitsFrom(`seed-${n}`, n)).toBe(d);
    }
    // Over many inputs a leading 0 would show up if it were not replaced.
    for (let i = 0; i < 200; i++) expect(digitsFrom(`lead-${i}`, 3)[0]).not.toBe('0');
  });

  it('a fake Page token looks like one: EAAG and 56 letters or digits', () => {
    const t = fakePageToken('p');
    expect(t).toMatch(/^EAAG[A-Za-z0-9]{56}$/);
    expect(fakePageToken('p')).toBe(t);
    expect(fakePageToken('q')).not.toBe(t);
  });
});

describe('seedTenant', () => {
  it('gives the tenant’s JWT applications first, with messages webhooks on its domain, then the seed’s', () => {
    const { applications } = seedTenant(acme);
    expect(applications.slice(0, 2)).toEqual([
      expect.objectContaining({ id: 'app-one', name: 'Console', keys: { public_key: 'PEM-1' } }),
      expect.objectContaining({ id: 'app-two', name: 'Console 2', keys: { public_key: 'PEM-2' } }),
    ]);
    const hooks = (i: number) => applications[i]!.capabilities.messages?.webhooks;
    expect(hooks(0)?.inbound_url?.address).toMatch(/^https:\/\/[^/]+\/console\/webhooks\/inbound$/);
    expect(hooks(1)?.status_url?.address).toMatch(/^https:\/\/[^/]+\/console-2\/webhooks\/status$/);
    expect(applications.length).toBeGreaterThan(2);
    expect(applications.slice(2).every((a) => a.keys === undefined)).toBe(true);
  });

  it('is the same every time for the same tenant; another key gives other generated ids', () => {
    expect(seedTenant(acme)).toEqual(seedTenant(acme));
    const other = seedTenant({ ...acme, apiKey: 'k-other' });
    const ids = (t: TenantConfig) =>
      seedTenant(t)
        .accounts.filter((a) => a.provider === 'messenger')
        .map((a) => a.external_id);
    expect(ids({ ...acme, apiKey: 'k-other' })).not.toEqual(ids(acme));
    expect(other.accounts.length).toBe(seedTenant(acme).accounts.length);
  });

  it('every account has an id of its provider’s shape; only Messenger has a token; links name existing applications', () => {
    const { accounts, applications } = seedTenant(acme);
    const shapes: Record<string, RegExp> = {
      messenger: /^10\d{13}$/,
      whatsapp: /^4477009000\d{2}$/,
      viber_service_msg: /^\d{5,7}$/,
      rcs: /^[\w-]+$/,
    };
    const appIds = new Set(applications.map((a) => a.id));
    for (const a of accounts) {
      expect(a.external_id, a.provider).toMatch(shapes[a.provider]!);
      expect(a.access_token !== undefined, a.external_id).toBe(a.provider === 'messenger');
      for (const id of a.applications) expect(appIds.has(id)).toBe(true);
    }
    expect(new Set(accounts.map((a) => `${a.provider}:${a.external_id}`)).size).toBe(accounts.length);
    // Some account is linked to the tenant's first JWT application.
    expect(accounts.some((a) => a.applications.includes('app-one'))).toBe(true);
  });

  it('two seeds never share a WhatsApp number; without a JWT application, links to it are left out', () => {
    const globex: TenantConfig = { ...acme, apiKey: 'k-globex', seed: 'globex', jwtApplications: [] };
    const numbers = (t: TenantConfig) =>
      seedTenant(t)
        .accounts.filter((a) => a.provider === 'whatsapp')
        .map((a) => a.external_id);
    const both = [...numbers(acme), ...numbers(globex)];
    expect(new Set(both).size).toBe(both.length);
    const { accounts, applications } = seedTenant(globex);
    const ids = new Set(applications.map((a) => a.id));
    expect(accounts.flatMap((a) => a.applications).every((id) => ids.has(id))).toBe(true);
  });

  it('adds extraAccounts generated accounts, round the four providers, with ids apart from the seed’s', () => {
    const base = seedTenant(empty).accounts;
    const { accounts } = seedTenant({ ...empty, extraAccounts: 6 });
    const extra = accounts.slice(base.length);
    expect(extra.map((a) => a.provider)).toEqual(['messenger', 'whatsapp', 'viber_service_msg', 'rcs', 'messenger', 'whatsapp']);
    expect(extra[0]).toMatchObject({ name: 'Empty Bulk 1', applications: [], access_token: expect.stringMatching(/^EAAG/) });
    expect(extra[1]).toEqual({ provider: 'whatsapp', external_id: '44790000001', name: 'Empty Bulk 2', applications: [] });
    expect(extra[2]!.external_id).toBe('90000002');
    expect(extra[3]!.external_id).toBe('empty_bulk_agent_0000003');
    expect(extra[0]!.external_id).toMatch(/^190000000\d{6}$/);
  });

  it('syncJwtApplications renames and re-keys a known one in place, and puts a new one first', () => {
    const state = seedTenant(acme);
    const count = state.applications.length;
    syncJwtApplications(
      {
        ...acme,
        jwtApplications: [
          { id: 'app-one', name: 'Renamed', publicKey: 'PEM-9' },
          { id: 'app-new', name: 'New', publicKey: 'P' },
        ],
      },
      state,
    );
    expect(state.applications).toHaveLength(count + 1);
    expect(state.applications[0]).toMatchObject({ id: 'app-new', name: 'New', keys: { public_key: 'P' } });
    expect(state.applications.find((a) => a.id === 'app-one')).toMatchObject({ name: 'Renamed', keys: { public_key: 'PEM-9' } });
  });
});

describe('Store', () => {
  const account = (id: string, provider: StoredAccount['provider'] = 'whatsapp'): StoredAccount => ({
    provider,
    external_id: id,
    applications: [],
  });

  it('seeds on first start and writes state.json; a second start reads it back, changes included', async () => {
    const dir = tempDir();
    const first = new Store(dir);
    first.init(file(empty));
    first.addAccount('k-empty', account('1'));
    await first.flush();
    expect(stateOf(dir).tenants['k-empty']!.accounts.map((a) => a.external_id)).toContain('1');

    const second = new Store(dir);
    second.init(file(empty, acme));
    expect(second.getAccount('k-empty', 'whatsapp', '1')).toEqual(account('1'));
    // A tenant new to the file is seeded and written.
    expect(second.applications('k-acme')[0]!.id).toBe('app-one');
    await second.flush();
    expect(Object.keys(stateOf(dir).tenants).sort()).toEqual(['k-acme', 'k-empty']);
  });

  it('pages in creation order, filters by provider, and answers an empty page past the end', () => {
    const store = new Store(tempDir());
    store.init(file(empty));
    const base = store.listAccounts('k-empty', undefined, 1, 1000).total;
    for (let i = 1; i <= 5; i++) store.addAccount('k-empty', account(`w${i}`, i % 2 ? 'whatsapp' : 'rcs'));
    const all = store.listAccounts('k-empty', undefined, 1, 1000);
    expect(all.total).toBe(base + 5);
    const last = store.listAccounts('k-empty', undefined, Math.ceil((base + 5) / 2), 2);
    expect(last.items.at(-1)!.external_id).toBe('w5');
    const rcs = store.listAccounts('k-empty', 'rcs', 1, 10);
    expect(rcs.items.map((a) => a.external_id).filter((id) => id.startsWith('w'))).toEqual(['w2', 'w4']);
    const second = store.listAccounts('k-empty', 'rcs', 2, 1);
    expect(second.total).toBe(rcs.total);
    expect(second.items).toEqual([rcs.items[1]]);
    expect(store.listAccounts('k-empty', undefined, 99, 10)).toEqual({ total: base + 5, items: [] });
  });

  it('deletes from the list and the index; deleting twice is harmless; reset goes back to the seed', () => {
    const store = new Store(tempDir());
    store.init(file(empty));
    const before = store.listAccounts('k-empty', undefined, 1, 1000).total;
    const a = account('gone');
    store.addAccount('k-empty', a);
    store.deleteAccount('k-empty', a);
    store.deleteAccount('k-empty', a);
    expect(store.getAccount('k-empty', 'whatsapp', 'gone')).toBeUndefined();
    expect(store.listAccounts('k-empty', undefined, 1, 1000).total).toBe(before);
    store.addAccount('k-empty', account('kept'));
    store.reset(file(empty));
    expect(store.getAccount('k-empty', 'whatsapp', 'kept')).toBeUndefined();
    expect(store.listAccounts('k-empty', undefined, 1, 1000).total).toBe(before);
  });

  it('finds an application by id; an unknown tenant has none, and no accounts', () => {
    const store = new Store(tempDir());
    store.init(file(acme));
    expect(store.findApplication('k-acme', 'app-two')).toMatchObject({ name: 'Console 2' });
    expect(store.findApplication('k-acme', 'nope')).toBeUndefined();
    expect(store.applications('k-nobody')).toEqual([]);
    expect(store.listAccounts('k-nobody', undefined, 1, 10)).toEqual({ total: 0, items: [] });
  });
});

describe('StateWriter', () => {
  it('has nothing to load on a new folder, refuses a state of another format', () => {
    const dir = tempDir();
    const writer = new StateWriter(dir, () => ({ version: 1, tenants: {} }));
    expect(writer.load()).toBeNull();
    writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ version: 2, tenants: {} }));
    expect(() => writer.load()).toThrow(/unknown state format/);
    writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ version: 1, tenants: 'x' }));
    expect(() => writer.load()).toThrow(/unknown state format/);
    writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ version: 1, tenants: {} }));
    expect(writer.load()).toEqual({ version: 1, tenants: {} });
  });

  it('makes its folder; a burst of changes in one tick is one write, and the last state is what is on disk', async () => {
    const dir = path.join(tempDir(), 'deeper', 'still');
    let n = 0;
    let snapshots = 0;
    const writer = new StateWriter(dir, () => {
      snapshots += 1;
      return { version: 1, tenants: { n: { accounts: [], applications: [{ id: String(n), name: 'n', capabilities: {} }] } } };
    });
    for (n = 1; n <= 10; n++) writer.schedule();
    n = 10;
    await writer.flush();
    expect(snapshots).toBe(1);
    expect(stateOf(dir).tenants.n!.applications[0]!.id).toBe('10');
    // No temporary file is left beside it.
    expect(readdirSync(dir)).toEqual(['state.json']);
    // Nothing changed: flush writes nothing.
    await writer.flush();
    expect(snapshots).toBe(1);
  });

  it('a change made while a write is in flight is written after it', async () => {
    const dir = tempDir();
    let value = 'a';
    const writer = new StateWriter(dir, () => ({ version: 1, tenants: { [value]: { accounts: [], applications: [] } } }));
    writer.schedule();
    await new Promise((r) => setImmediate(r));
    value = 'b';
    writer.schedule();
    // One flush: the write in flight is followed by the change made during it, before flush resolves.
    await writer.flush();
    expect(Object.keys(stateOf(dir).tenants)).toEqual(['b']);
  });

  it('a failed write keeps serving, says so on stderr, and is tried again by the next flush', async () => {
    const dir = tempDir();
    const writer = new StateWriter(dir, () => ({ version: 1, tenants: {} }));
    // A folder where the file should be: the rename fails.
    mkdirSync(path.join(dir, 'state.json'));
    const said: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (said.push(String(chunk)), true));
    writer.schedule();
    await writer.flush();
    expect(said.join('')).toMatch(/^\[simulator\] could not write .*state\.json: /);
    vi.restoreAllMocks();
    // The way is clear again: the next flush writes.
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'state.json'), { recursive: true });
    await writer.flush();
    expect(existsSync(path.join(dir, 'state.json'))).toBe(true);
    expect(stateOf(dir)).toEqual({ version: 1, tenants: {} });
  });
});
