/** Builds a tenant's initial accounts and applications from its seed name. Deterministic per apiKey. */
import type { Provider, StoredAccount, StoredApplication, TenantConfig, TenantState } from './types';
import { digitsFrom, fakePageToken, messagesCapability, uuidFrom } from './seed-util';
import { SEED_DATA, type SeedApp } from './seed-data';

function app(tenant: TenantConfig, a: SeedApp): StoredApplication {
  return { id: uuidFrom(`${tenant.apiKey}:${a.name}`), name: a.name, capabilities: a.capabilities };
}

function jwtApps(tenant: TenantConfig, domain: string): StoredApplication[] {
  return (tenant.jwtApplications ?? []).map((j, i) => ({
    id: j.id,
    name: j.name,
    // JWT applications get messages capability so the console can link accounts to them.
    capabilities: messagesCapability(`https://${domain}/console${i === 0 ? '' : `-${i + 1}`}/webhooks`),
    keys: { public_key: j.publicKey },
  }));
}

/** Numbers and agent ids carry the seed's index, so two tenants never share a WhatsApp number or an agent id. */
const SEED_INDEX: Record<TenantConfig['seed'], number> = { acme: 0, globex: 1, empty: 2 };

function externalId(provider: Provider, key: string, index: number, seedId: string | undefined, seed: TenantConfig['seed']): string {
  if (seedId) return seedId;
  switch (provider) {
    case 'messenger':
      return `10${digitsFrom(`fb:${key}:${index}`, 13)}`;
    case 'viber_service_msg':
      return digitsFrom(`viber:${key}:${index}`, 5 + (index % 3));
    case 'whatsapp':
      return `447700900${SEED_INDEX[seed]}${String(index + 1).padStart(2, '0')}`;
    case 'rcs':
      return `${seed}_agent_${index}`;
  }
}

/** Extra generated accounts for benchmarks: id spaces disjoint from the hand-written seeds. */
function extraAccount(tenant: TenantConfig, i: number): StoredAccount {
  const provider = (['messenger', 'whatsapp', 'viber_service_msg', 'rcs'] as const)[i % 4]!;
  const n = String(i).padStart(7, '0');
  const ids: Record<Provider, string> = {
    messenger: `19${n}${digitsFrom(`x:${tenant.apiKey}`, 6)}`,
    whatsapp: `4479${n}`,
    viber_service_msg: `9${n}`,
    rcs: `${tenant.seed}_bulk_agent_${n}`,
  };
  const acc: StoredAccount = { provider, external_id: ids[provider], name: `${tenant.name} Bulk ${i + 1}`, applications: [] };
  if (provider === 'messenger') acc.access_token = fakePageToken(`${tenant.apiKey}:extra:${i}`);
  return acc;
}

export function seedTenant(tenant: TenantConfig): TenantState {
  const data = SEED_DATA[tenant.seed];
  const jwt = jwtApps(tenant, data.domain);
  const seeded = data.applications.map((a) => app(tenant, a));
  const applications = [...jwt, ...seeded];
  // Link targets: index 'jwt' means the tenant's first JWT application (skipped when it has none).
  const linkTarget = (ref: number | 'jwt' | undefined): string[] => {
    if (ref === undefined) return [];
    if (ref === 'jwt') return jwt[0] ? [jwt[0].id] : [];
    return seeded[ref] ? [seeded[ref].id] : [];
  };
  const counters: Record<Provider, number> = { messenger: 0, viber_service_msg: 0, whatsapp: 0, rcs: 0 };
  const accounts: StoredAccount[] = data.accounts.map((a) => {
    const index = counters[a.provider]++;
    const acc: StoredAccount = {
      provider: a.provider,
      external_id: externalId(a.provider, tenant.apiKey, index, a.id, tenant.seed),
      ...(a.name ? { name: a.name } : {}),
      applications: linkTarget(a.link),
    };
    if (a.provider === 'messenger') acc.access_token = fakePageToken(`${tenant.apiKey}:${acc.external_id}`);
    return acc;
  });
  for (let i = 0; i < (tenant.extraAccounts ?? 0); i++) accounts.push(extraAccount(tenant, i));
  return { accounts, applications };
}

/** Makes sure the tenant's JWT applications exist with the file's name and public key. */
export function syncJwtApplications(tenant: TenantConfig, state: TenantState): void {
  const domain = SEED_DATA[tenant.seed].domain;
  for (const j of jwtApps(tenant, domain)) {
    const existing = state.applications.find((a) => a.id === j.id);
    if (existing) {
      existing.name = j.name;
      existing.keys = j.keys;
    } else state.applications.unshift(j);
  }
}
