import 'server-only';
import type { Account } from '@/lib/schemas/account';
import type { Application } from '@/lib/schemas/application';
import type { Provider } from '@/lib/schemas/providers';
import { type indexAccounts, type indexApplications } from '@/lib/db/schema';

export type AccountRow = typeof indexAccounts.$inferSelect;
export type ApplicationRow = typeof indexApplications.$inferSelect;

/** What search matches: the name and the external id, lower-cased. */
export const searchText = (a: Pick<Account, 'name' | 'externalId'>) => `${(a.name ?? '').toLowerCase()} ${a.externalId.toLowerCase()}`;

/** An account as the index keeps it: never a token, only the hint the BFF shows anyway. */
export function accountRow(workspace: string, a: Account, seenAt: Date): AccountRow {
  return {
    workspace,
    provider: a.provider,
    externalId: a.externalId,
    name: a.name,
    applicationId: a.applications[0] ?? null,
    apiKey: a.apiKey,
    accessTokenHint: a.accessTokenHint,
    search: searchText(a),
    seenAt,
  };
}

export function toIndexedAccount(r: AccountRow): Account {
  return {
    provider: r.provider as Provider,
    externalId: r.externalId,
    name: r.name,
    applications: r.applicationId ? [r.applicationId] : [],
    apiKey: r.apiKey,
    accessTokenHint: r.accessTokenHint,
  };
}

export function applicationRow(workspace: string, a: Application, seenAt: Date): ApplicationRow {
  return { workspace, ...a, seenAt };
}

export function toIndexedApplication(r: ApplicationRow): Application {
  return { id: r.id, name: r.name, messages: r.messages, inboundUrl: r.inboundUrl, statusUrl: r.statusUrl };
}
