/*
 * The account index at scale, on both engines (PGlite always; PostgreSQL when a
 * server answers at TEST_DATABASE_URL): a whole re-read of a workspace of
 * 100,000 accounts from its own simulator (time, upstream calls, peak upstream
 * concurrency against INDEX_CONCURRENCY), then search and overview on it.
 * Measured in this process on the functions the BFF calls, so the figures are
 * the store's and the re-read's (the BFF's route adds about 1 ms: docs/performance.md).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Workspace } from '@/lib/config/load';
import { openStore, type Store } from '@/lib/db/client';
import { reread, type ReadResult } from '@/lib/index/reread';
import { search } from '@/lib/index/search';
import { setLogLevel } from '@/lib/log';
import { overview } from '@/lib/index/views';
import { ROOT, startSimulatorProcess } from '../scripts/stack';
import { freshPgliteDir, freshPostgresDatabase, postgresUnavailable } from '../tests/support/databases';
import { median, percentile } from './stats';

export interface IndexFigures {
  engine: 'pglite' | 'postgres';
  accounts: number;
  concurrencyLimit: number;
  reread: Pick<ReadResult, 'ok' | 'ms' | 'calls' | 'peakConcurrency' | 'accounts'>;
  /** Resident memory of this process after the re-read, over before it (MB). */
  rereadRssGrowthMB: number;
  searchP50Ms: number;
  searchP95Ms: number;
  searchNoMatchP95Ms: number;
  overviewP50Ms: number;
  overviewP95Ms: number;
}

const slot = globalThis as typeof globalThis & { consoleStore?: Promise<Store> | null };
const p95 = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    95,
  );

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function measure(store: Store, ws: Workspace, accounts: number, concurrency: number, quick: boolean): Promise<IndexFigures> {
  // The index's functions use the process's store: this one.
  slot.consoleStore = Promise.resolve(store);
  const rss = process.memoryUsage().rss;
  const read = await reread(ws, concurrency);
  if (!read.ok) throw new Error(`the re-read failed: ${read.error}`);
  const growth = (process.memoryUsage().rss - rss) / 1e6;
  const samples = quick ? 20 : 200;
  const queries = ['bulk 4242', 'ltd bulk 9', 'Bulk 12345', 'bulk 777'];
  for (let i = 0; i < 5; i++) await search([ws], queries[i % queries.length]!);
  const hits: number[] = [];
  const none: number[] = [];
  const totals: number[] = [];
  for (let i = 0; i < samples; i++) {
    hits.push(await timed(() => search([ws], queries[i % queries.length]!)));
    if (i % 4 === 0) none.push(await timed(() => search([ws], 'no such name')));
    if (i % 4 === 0) totals.push(await timed(() => overview(ws.id)));
  }
  return {
    engine: store.engine,
    accounts,
    concurrencyLimit: concurrency,
    reread: { ok: read.ok, ms: read.ms, calls: read.calls, peakConcurrency: read.peakConcurrency, accounts: read.accounts },
    rereadRssGrowthMB: growth,
    searchP50Ms: median(hits),
    searchP95Ms: p95(hits),
    searchNoMatchP95Ms: p95(none),
    overviewP50Ms: median(totals),
    overviewP95Ms: p95(totals),
  };
}

/** `ws` is the bulk workspace (its simulator running); each engine gets a fresh store. */
export async function measureIndex(
  ws: Workspace,
  accounts: number,
  quick: boolean,
  say: (m: string) => void,
  concurrency = 4,
): Promise<IndexFigures[]> {
  const out: IndexFigures[] = [];
  const pglite = freshPgliteDir();
  const embedded = await openStore({ dataDir: pglite.dir });
  try {
    say('account index on PGlite…');
    out.push(await measure(embedded, ws, accounts, concurrency, quick));
  } finally {
    await embedded.close();
    await pglite.drop();
  }
  if (postgresUnavailable) {
    say(`account index on PostgreSQL: skipped (${postgresUnavailable})`);
    return out;
  }
  const db = await freshPostgresDatabase();
  const server = await openStore({ databaseUrl: db.url, dataDir: '' });
  try {
    say('account index on PostgreSQL…');
    out.push(await measure(server, ws, accounts, concurrency, quick));
  } finally {
    await server.close();
    await db.drop();
    slot.consoleStore = null;
  }
  return out;
}

/**
 * The whole measurement, as `npm run bench` and `npm run bench:index` run it: a simulator of its own with one
 * workspace of 100,000 generated accounts (10,000 when `quick`), then `measureIndex` on each engine.
 */
export async function measureIndexAtScale(quick: boolean, say: (m: string) => void): Promise<IndexFigures[]> {
  const accounts = quick ? 10_000 : 100_000;
  const dir = path.join(ROOT, '.data', 'bench-index');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const bulk = { apiKey: 'bulk0001', apiSecret: 'bench-bulk-secret' };
  const tenantsFile = path.join(dir, 'bulk-tenants.json');
  writeFileSync(tenantsFile, JSON.stringify({ tenants: [{ ...bulk, name: 'Bulk Ltd', seed: 'empty', extraAccounts: accounts }] }));
  const port = 20000 + Math.floor(Math.random() * 20000);
  say(`account index: a simulator with ${accounts.toLocaleString('en')} accounts…`);
  // The re-read's thousand upstream lines would bury the bench's own; its warnings still show.
  setLogLevel('warn');
  const sim = await startSimulatorProcess({ port, dataDir: dir, tenantsFile, quiet: true });
  try {
    const ws = { id: 'bulk', name: 'Bulk Ltd', ...bulk, jwt: null, baseUrl: sim.url };
    return await measureIndex(ws, accounts, quick, say);
  } finally {
    setLogLevel(null);
    sim.child.kill('SIGTERM');
  }
}
