import 'server-only';
import type { Workspace } from '@/lib/config/load';
import { store } from '@/lib/db/client';
import { log } from '@/lib/log';
import type { Account } from '@/lib/schemas/account';
import type { Provider } from '@/lib/schemas/providers';
import { accountRow } from './rows';
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
 * What this process last wrote for an account, and when. An account read again with the same fields within
 * SAME_FOR_MS is not written again: the upsert was most of a detail read's own CPU on the embedded store
 * (docs/performance.md). A write elsewhere that this process did not see (another instance, a failure) is
 * corrected within that time, by the next read; a change through this process always writes.
 */
const written = new Map<string, { fields: string; at: number }>();
export const SAME_FOR_MS = 60_000;
const MAX_REMEMBERED = 20_000;

const keyOf = (ws: string, provider: string, externalId: string) => `${ws}\n${provider}\n${externalId}`;
const fieldsOf = (ws: string, a: Account) => {
  const { name, applicationId, apiKey, accessTokenHint } = accountRow(ws, a, new Date(0));
  return JSON.stringify([name, applicationId, apiKey, accessTokenHint]);
};

/** For tests: forget what was written. */
export function forgetWritten(): void {
  written.clear();
}

/**
 * Keeps the index fresh from Vonage's own answers: after each change made
 * through the console and each account read, with no upstream call of its own.
 */
export const keepIndex = {
  /** Vonage answered with the account (read, create, rename, link, replace). */
  seen: (ws: Workspace, account: Account, now = Date.now()) => {
    const key = keyOf(ws.id, account.provider, account.externalId);
    const fields = fieldsOf(ws.id, account);
    const last = written.get(key);
    if (last && last.fields === fields && now - last.at < SAME_FOR_MS) return Promise.resolve();
    return quietly('seen', async (db) => {
      written.delete(key);
      await putAccounts(db, ws.id, [account]);
      if (written.size >= MAX_REMEMBERED) written.clear();
      written.set(key, { fields, at: now });
    });
  },
  /** Deleted, or Vonage says it does not exist. */
  gone: (ws: Workspace, provider: Provider, externalId: string) => {
    written.delete(keyOf(ws.id, provider, externalId));
    return quietly('gone', (db) => dropAccount(db, ws.id, provider, externalId));
  },
  unlinked: (ws: Workspace, provider: Provider, externalId: string, applicationId: string) => {
    written.delete(keyOf(ws.id, provider, externalId));
    return quietly('unlinked', (db) => markUnlinked(db, ws.id, provider, externalId, applicationId));
  },
};
