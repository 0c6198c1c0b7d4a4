import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '@/lib/db/client';

/**
 * The engines a store test runs on: PGlite always; PostgreSQL when a server
 * answers at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 * Each run gets a database of its own, dropped afterwards.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function serverAnswers(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Why the PostgreSQL tests cannot run here, or null when they can. Printed by the tests that skip. */
export const postgresUnavailable: string | null = await serverAnswers();
if (postgresUnavailable) {
  console.warn(
    `PostgreSQL tests skipped: no server answers at ${TEST_DATABASE_URL} (${postgresUnavailable}). Set TEST_DATABASE_URL to run them.`,
  );
}

/** A fresh database on the test server; `drop` removes it. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `console_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A fresh folder for an embedded store; `drop` removes it. */
export function freshPgliteDir(): { dir: string; drop: () => Promise<void> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'console-store-'));
  return { dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** One engine a store test runs on, for `describe.each`: its name, why it cannot run here (null when it can), and a fresh store. */
export type StoreEngine = [
  name: string,
  unavailable: string | null,
  make: () => Promise<{ open: () => Promise<Store>; drop: () => Promise<void> }>,
];

/** PGlite always; PostgreSQL when a server answers. Each `make` gives a database no other test uses. */
export const storeEngines: StoreEngine[] = [
  [
    'PGlite',
    null,
    async () => {
      const { dir, drop } = freshPgliteDir();
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
