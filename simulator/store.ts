/** In-memory state per tenant (creation-ordered accounts plus an index), persisted through StateWriter. */
import type { Provider, StateFile, StoredAccount, StoredApplication, TenantsFile, TenantState } from './types';
import { seedTenant, syncJwtApplications } from './seed';
import { StateWriter } from './persist';

const keyOf = (provider: string, externalId: string) => `${provider}\u0000${externalId}`;

class TenantData {
  readonly index = new Map<string, StoredAccount>();
  constructor(readonly state: TenantState) {
    for (const a of state.accounts) this.index.set(keyOf(a.provider, a.external_id), a);
  }
}

export class Store {
  private tenants = new Map<string, TenantData>();
  private readonly writer: StateWriter;

  constructor(dataDir: string) {
    this.writer = new StateWriter(dataDir, () => this.snapshot());
  }

  /** Loads state.json when present, else seeds; then seeds tenants the state does not know yet. */
  init(file: TenantsFile): void {
    const loaded = this.writer.load();
    if (loaded) for (const [k, t] of Object.entries(loaded.tenants)) this.tenants.set(k, new TenantData(t));
    this.sync(file);
    if (!loaded) this.writer.schedule();
  }

  /** Seeds tenants missing from the state and refreshes JWT applications (names, public keys). */
  sync(file: TenantsFile): void {
    let changed = false;
    for (const t of file.tenants) {
      let data = this.tenants.get(t.apiKey);
      if (!data) {
        data = new TenantData(seedTenant(t));
        this.tenants.set(t.apiKey, data);
        changed = true;
      }
      syncJwtApplications(t, data.state);
    }
    if (changed) this.writer.schedule();
  }

  reset(file: TenantsFile): void {
    this.tenants.clear();
    this.sync(file);
    this.writer.schedule();
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  changed(): void {
    this.writer.schedule();
  }

  private data(apiKey: string): TenantData {
    let d = this.tenants.get(apiKey);
    if (!d) {
      // An authenticated tenant always exists after sync(); this guards against a concurrent reset.
      d = new TenantData({ accounts: [], applications: [] });
      this.tenants.set(apiKey, d);
    }
    return d;
  }

  getAccount(apiKey: string, provider: Provider, externalId: string): StoredAccount | undefined {
    return this.data(apiKey).index.get(keyOf(provider, externalId));
  }

  addAccount(apiKey: string, account: StoredAccount): void {
    const d = this.data(apiKey);
    d.state.accounts.push(account);
    d.index.set(keyOf(account.provider, account.external_id), account);
    this.changed();
  }

  deleteAccount(apiKey: string, account: StoredAccount): void {
    const d = this.data(apiKey);
    const i = d.state.accounts.indexOf(account);
    if (i >= 0) d.state.accounts.splice(i, 1);
    d.index.delete(keyOf(account.provider, account.external_id));
    this.changed();
  }

  /** One page in creation order; O(page) without a filter, one O(n) pass with a provider filter. */
  listAccounts(apiKey: string, provider: Provider | undefined, page: number, size: number) {
    const all = this.data(apiKey).state.accounts;
    const source = provider ? all.filter((a) => a.provider === provider) : all;
    const start = (page - 1) * size;
    return { total: source.length, items: start < source.length ? source.slice(start, start + size) : [] };
  }

  applications(apiKey: string): StoredApplication[] {
    return this.data(apiKey).state.applications;
  }

  findApplication(apiKey: string, id: string): StoredApplication | undefined {
    return this.data(apiKey).state.applications.find((a) => a.id === id);
  }

  private snapshot(): StateFile {
    const tenants: Record<string, TenantState> = {};
    for (const [k, d] of this.tenants) tenants[k] = d.state;
    return { version: 1, tenants };
  }
}
