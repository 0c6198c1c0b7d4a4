import 'server-only';
import type { Workspace } from '@/lib/config/load';
import { store } from '@/lib/db/client';
import { log } from '@/lib/log';
import type { Account } from '@/lib/schemas/account';
import type { Provider } from '@/lib/schemas/providers';
import { dropAccount, markUnlinked, putAccounts } from './store';

/** The index follows the change; a failure to write it is logged, never the change's failure. */
async function quietly(what: string, fn: (db: Awaited<ReturnType<typeof store>>['db']) => Promise<void>): Promise<void> {
  try {
    await fn((await store()).db);
  } catch (e) {
    log('warn', 'index not updated', { what, error: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * Keeps the index fresh from Vonage's own answers: after each change made
 * through the console and each account read, with no upstream call of its own.
 */
export const keepIndex = {
  /** Vonage answered with the account (read, create, rename, link, replace). */
  seen: (ws: Workspace, account: Account) => quietly('seen', (db) => putAccounts(db, ws.id, [account])),
  /** Deleted, or Vonage says it does not exist. */
  gone: (ws: Workspace, provider: Provider, externalId: string) => quietly('gone', (db) => dropAccount(db, ws.id, provider, externalId)),
  unlinked: (ws: Workspace, provider: Provider, externalId: string, applicationId: string) =>
    quietly('unlinked', (db) => markUnlinked(db, ws.id, provider, externalId, applicationId)),
};
