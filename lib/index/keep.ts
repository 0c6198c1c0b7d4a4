import 'server-only';
import type { Workspace } from '@/lib/config/load';
import { store, type Db } from '@/lib/db/client';
import { log } from '@/lib/log';
import type { Account } from '@/lib/schemas/account';
import type { Provider } from '@/lib/schemas/providers';
import { groupCommit } from '@/lib/db/group-commit';
import { accountRow } from './rows';
import { dropAccount, markUnlinkedAll, putAccounts } from './store';

/** The index follows the change; a failure to write it is logged, never the change's failure. */
async function quietly(what: string, fn: (db: Db) => Promise<void>): Promise<void> {
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

type Unlink = { provider: Provider; externalId: string; applicationId: string };
type Write = { ws: string } & ({ seen: Account } | { unlinked: Unlink });

/**
 * Index writes asked for in the same turn of the event loop, or while one is in flight, are written together
 * (lib/db/group-commit.ts): sixteen changes at once are an upsert and an update per workspace, not sixteen
 * statements. Within a group, each account's writes are folded in the order they were asked for (an unlink after an
 * answer applies to that answer), so the account ends as it would have one statement at a time; one statement may not
 * change a row twice. A request waits for the write holding its own before it answers.
 */
const lines = new WeakMap<Db, (w: Write) => Promise<void>>();

async function writeGroup(db: Db, writes: Write[]): Promise<undefined[]> {
  const byWorkspace = new Map<string, Map<string, { seen?: Account; unlinks: Unlink[] }>>();
  for (const w of writes) {
    const accounts = byWorkspace.get(w.ws) ?? byWorkspace.set(w.ws, new Map()).get(w.ws)!;
    const target = 'seen' in w ? w.seen : w.unlinked;
    const key = keyOf(w.ws, target.provider, target.externalId);
    const entry = accounts.get(key);
    if ('seen' in w) accounts.set(key, { seen: w.seen, unlinks: [] });
    else if (!entry) accounts.set(key, { unlinks: [w.unlinked] });
    else if (entry.seen)
      entry.seen = { ...entry.seen, applications: entry.seen.applications.filter((id) => id !== w.unlinked.applicationId) };
    else entry.unlinks.push(w.unlinked);
  }
  for (const [ws, accounts] of byWorkspace) {
    const seen = [...accounts.values()].flatMap((e) => (e.seen ? [e.seen] : []));
    const unlinks = [...accounts.values()].flatMap((e) => (e.seen ? [] : e.unlinks));
    if (seen.length) await putAccounts(db, ws, seen);
    if (unlinks.length) await markUnlinkedAll(db, ws, unlinks);
  }
  return writes.map(() => undefined);
}

function lineOf(db: Db) {
  let line = lines.get(db);
  if (!line) lines.set(db, (line = groupCommit((writes: Write[]) => writeGroup(db, writes))));
  return line;
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
      await lineOf(db)({ ws: ws.id, seen: account });
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
    return quietly('unlinked', (db) => lineOf(db)({ ws: ws.id, unlinked: { provider, externalId, applicationId } }));
  },
};
