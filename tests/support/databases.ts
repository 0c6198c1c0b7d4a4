import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

let template: Promise<string> | null = null;

/**
 * One embedded store made and migrated per set of migrations (and PGlite version), kept in the temp folder: making
 * one from nothing runs PGlite's initdb, 5 s on an idle machine and close to a minute on a busy one; copying it takes
 * well under a second. Made by whichever worker comes first (moved into place in one rename), read by all.
 */
function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const migrations = path.join(process.cwd(), 'lib', 'db', 'migrations');
    const hash = createHash('sha256');
    hash.update(readFileSync(path.join(process.cwd(), 'node_modules', '@electric-sql', 'pglite', 'package.json')));
    for (const name of readdirSync(migrations, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()))
      hash
        .update(path.relative(migrations, path.join(name.parentPath, name.name)))
        .update(readFileSync(path.join(name.parentPath, name.name)));
    const ready = path.join(tmpdir(), `console-store-template-${hash.digest('hex').slice(0, 16)}`);
    if (existsSync(path.join(ready, 'ready'))) return ready;
    const work = mkdtempSync(path.join(tmpdir(), 'console-store-making-'));
    await (await openStore({ dataDir: work })).close();
    writeFileSync(path.join(work, 'ready'), '');
    try {
      renameSync(work, ready);
    } catch {
      // Another worker moved its own into place first: the same migrations, the same store.
      rmSync(work, { recursive: true, force: true });
    }
    return ready;
  })();
  return template;
}

/** A folder for an embedded store whose migrations have run: a copy of the template; `drop` removes it. */
export async function migratedPgliteDir(): Promise<{ dir: string; drop: () => Promise<void> }> {
  const from = await pgliteTemplate();
  const fresh = freshPgliteDir();
  cpSync(from, fresh.dir, { recursive: true });
  return fresh;
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
