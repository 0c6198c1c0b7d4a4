import 'server-only';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { timeQueries } from '@/lib/metrics/hooks';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A statement as `pg` takes it, for a library that speaks to PostgreSQL itself (rate-limiter-flexible). */
export type RawQuery = (q: { text: string; values?: unknown[] }) => Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;

export interface Store {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** The same database as `db`, for a library that writes its own SQL. */
  query: RawQuery;
  close(): Promise<void>;
}

const MIGRATIONS = path.join(process.cwd(), 'lib', 'db', 'migrations');
/** One key for every console instance: two starting at once run the migrations one after the other. */
const MIGRATION_LOCK = 7_425_001;

/** A PostgreSQL server: a pool, and the migrations under a session advisory lock. */
async function openPostgres(url: string): Promise<Store> {
  const [{ Pool }, { drizzle }, { migrate }] = await Promise.all([
    import('pg'),
    import('drizzle-orm/node-postgres'),
    import('drizzle-orm/node-postgres/migrator'),
  ]);
  const pool = timeQueries(new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 }), 'postgres');
  pool.on('error', (e) => log('error', 'store connection failed', { error: e.message }));
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
  return {
    db: drizzle(pool, { schema }) as unknown as Db,
    engine: 'postgres',
    query: async ({ text, values }) => {
      const r = await pool.query<Record<string, unknown>>(text, values);
      return { rows: r.rows, rowCount: r.rowCount ?? r.rows.length };
    },
    close: () => pool.end(),
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite's files may be opened by one process at a time: a second one (a command while the console runs) is refused. */
function lockEmbedded(dataDir: string): () => void {
  const file = `${dataDir}.lock`;
  let holder = NaN;
  try {
    holder = Number(readFileSync(file, 'utf8'));
  } catch {
    // no lock yet
  }
  if (Number.isInteger(holder) && holder !== process.pid && alive(holder))
    throw new Error(`the embedded store ${dataDir} is in use by process ${holder} (a running console): stop it first, or use DATABASE_URL`);
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

/** The embedded engine (PGlite): files under the data folder, no server to install; one process at a time. */
async function openPglite(dataDir: string): Promise<Store> {
  const [{ PGlite }, { pg_trgm }, { drizzle }, { migrate }] = await Promise.all([
    import('@electric-sql/pglite'),
    // Trigram indexes for the account index's search by part of a name or id (migration 0005).
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockEmbedded(dataDir);
  process.once('exit', unlock);
  // Small buffers: the console's records are small, and PGlite's memory is the console process's own (docs/performance.md).
  const client = timeQueries(
    await PGlite.create({
      dataDir,
      extensions: { pg_trgm },
      postgresqlconf: 'shared_buffers=8MB\nwork_mem=2MB\nmaintenance_work_mem=8MB',
    }),
    'pglite',
  );
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
  return {
    db: db as unknown as Db,
    engine: 'pglite',
    query: async ({ text, values }) => {
      const r = await client.query<Record<string, unknown>>(text, values);
      return { rows: r.rows, rowCount: r.rows.length || (r.affectedRows ?? 0) };
    },
    close: async () => {
      await client.close();
      unlock();
    },
  };
}

/** Opens the store the settings name: `DATABASE_URL`, else PGlite under `CONSOLE_DATA_DIR/store`. */
export function openStore(settings: { databaseUrl?: string; dataDir: string }): Promise<Store> {
  return settings.databaseUrl ? openPostgres(settings.databaseUrl) : openPglite(path.join(settings.dataDir, 'store'));
}

/*
 * One per process, on globalThis: Next bundles instrumentation and each route
 * separately, so a module-level variable would open the store once per bundle.
 */
const slot = globalThis as typeof globalThis & { consoleStore?: Promise<Store> | null };

/** The process's store, opened (and migrated) once; every caller awaits the same promise. */
export function store(): Promise<Store> {
  let opening = slot.consoleStore;
  if (!opening) {
    const started = Date.now();
    const settings = env();
    opening = openStore({ databaseUrl: settings.DATABASE_URL, dataDir: settings.CONSOLE_DATA_DIR });
    slot.consoleStore = opening;
    opening.then(
      (s) => log('info', 'store ready', { engine: s.engine, ms: Date.now() - started }),
      (e: unknown) => {
        log('error', 'store failed to open', { error: e instanceof Error ? e.message : String(e) });
        slot.consoleStore = null;
      },
    );
  }
  return opening;
}

/** True when the store answers a query (migrations are applied before `store()` resolves). */
export async function storeAnswers(timeoutMs = 2_000): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  const check = store()
    .then((s) => s.db.execute(sql`SELECT 1`))
    .then(() => true)
    .catch(() => false);
  return Promise.race([check, timeout]);
}
