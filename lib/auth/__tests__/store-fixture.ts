import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Store } from '@/lib/db/client';
import { openStore } from '@/lib/db/client';
import { migratedPgliteDir } from '@/tests/support/databases';

/*
 * For the unit tests of lib/auth that need a store: a config file of their own (set before the modules read it)
 * and a fresh PGlite store put in the process's slot, as lib/db/client.ts's `store()` would open it.
 */
export const HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export function writeConfig(extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'auth-config-'));
  const file = path.join(dir, 'console.json');
  writeFileSync(
    file,
    JSON.stringify({
      workspaces: [
        { id: 'acme', name: 'Acme Corp', apiKey: 'abc123', apiSecret: 'x', baseUrl: 'http://127.0.0.1:9' },
        { id: 'globex', name: 'Globex', apiKey: 'def456', apiSecret: 'y', baseUrl: 'http://127.0.0.1:9' },
      ],
      users: [{ email: 'support@demo.test', name: 'Sue Port', role: 'support', passwordHash: HASH }],
      ...extra,
    }),
  );
  process.env.CONSOLE_CONFIG = file;
  return file;
}

const slot = globalThis as typeof globalThis & {
  consoleStore?: Promise<Store> | null;
  consoleThrottle?: unknown;
  consoleSessions?: Map<string, unknown>;
};

/** A fresh PGlite store in the process's slot; `close` empties the slot and removes the store. */
export async function freshStore(): Promise<{ store: Store; close: () => Promise<void> }> {
  const { dir, drop } = await migratedPgliteDir();
  const store = await openStore({ dataDir: dir });
  slot.consoleStore = Promise.resolve(store);
  slot.consoleThrottle = undefined;
  slot.consoleSessions?.clear();
  return {
    store,
    close: async () => {
      slot.consoleStore = null;
      slot.consoleThrottle = undefined;
      await store.close();
      await drop();
    },
  };
}

/** A fresh store for the file's tests: opened before the first (`opened` is told of it), closed and removed after the last. */
export function storeForFile(opened: (store: Store) => void = () => {}): void {
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const fresh = await freshStore();
    close = fresh.close;
    opened(fresh.store);
  }, 60_000);
  afterAll(async () => close());
}

/** Forgets what this instance cached of sessions (another instance's view). */
export const forgetCachedSessions = () => slot.consoleSessions?.clear();
export const cachedSessions = () => slot.consoleSessions!;
