/*
 * The activity log's costs, on both engines (PGlite always; PostgreSQL when a
 * server answers at TEST_DATABASE_URL): the CPU one recorded event costs (a
 * link + unlink records two), and the first page of the Activity API's query
 * with 100,000 events in the workspace. Measured in this process, on the same
 * functions the BFF calls, so that nothing but the store is in the figures.
 */
import { randomUUID } from 'node:crypto';
import { listEvents, withApplicationNames } from '@/lib/activity/query';
import { appendEvent, type NewEvent } from '@/lib/activity/record';
import { eventHash, GENESIS, type ActivityEvent } from '@/lib/activity/event';
import { openStore, type Store } from '@/lib/db/client';
import { activityEvents } from '@/lib/db/schema';
import type { ActivityQuery } from '@/lib/schemas/activity';
import { freshPgliteDir, freshPostgresDatabase, postgresUnavailable } from '../tests/support/databases';
import { median, percentile } from './stats';

export interface ActivityFigures {
  engine: 'pglite' | 'postgres';
  events: number;
  /** CPU of this process per recorded event (ms); a link + unlink records two. */
  recordCpuMs: number;
  recordWallMs: number;
  firstPageP50Ms: number;
  firstPageP95Ms: number;
  filteredFirstPageP50Ms: number;
}

const event = (n: number): NewEvent => ({
  actor: { email: `person${n % 40}@bench.test`, name: `Person ${n % 40}`, role: 'support', via: 'password' },
  workspace: 'bulk',
  action: n % 7 === 0 ? 'account.unlink' : 'account.link',
  target: { kind: 'account', id: `4477009${String(n % 5000).padStart(5, '0')}`, provider: 'whatsapp' },
  before: null,
  after: { applications: [randomUUID()] },
  outcome: n % 50 === 0 ? 'denied' : 'ok',
  status: n % 50 === 0 ? 403 : 200,
  upstreamStatus: n % 50 === 0 ? null : 200,
  requestId: randomUUID(),
  correlationId: null,
  ip: '127.0.0.1',
  userAgent: 'bench',
});

/** 100,000 events in one chain, written in batches with their hashes, as appendEvent would have made them. */
async function seed(store: Store, count: number): Promise<void> {
  let prev = GENESIS;
  const start = Date.now() - count * 1000;
  for (let i = 0; i < count; i += 1000) {
    const rows = [];
    for (let n = i; n < Math.min(count, i + 1000); n++) {
      const e: ActivityEvent = { ...event(n), id: randomUUID(), at: new Date(start + n * 1000) };
      const hash = eventHash(prev, e);
      rows.push({ ...e, chain: 'bulk', prevHash: prev, hash });
      prev = hash;
    }
    await store.db.insert(activityEvents).values(rows);
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function measure(store: Store, quick: boolean): Promise<ActivityFigures> {
  const count = quick ? 10_000 : 100_000;
  await seed(store, count);
  const scope = { workspaces: ['bulk'], withUnscoped: false, asCustomer: false };
  // A page as the activity routes answer it: the events, and the names of the applications they name.
  const page = async (q: ActivityQuery) => withApplicationNames(store.db, await listEvents(store.db, scope, q));
  for (let i = 0; i < 5; i++) await page({});
  const samples = quick ? 10 : 50;
  const first: number[] = [];
  const filtered: number[] = [];
  for (let i = 0; i < samples; i++) {
    first.push(await timed(() => page({})));
    filtered.push(await timed(() => page({ outcome: 'denied', actor: 'person10@bench.test' })));
  }
  const appends = quick ? 50 : 300;
  for (let i = 0; i < 10; i++) await appendEvent(store.db, event(i));
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < appends; i++) await appendEvent(store.db, event(i));
  const used = process.cpuUsage(cpu);
  return {
    engine: store.engine,
    events: count,
    recordCpuMs: (used.user + used.system) / 1000 / appends,
    recordWallMs: (performance.now() - wall) / appends,
    firstPageP50Ms: median(first),
    firstPageP95Ms: percentile(
      [...first].sort((a, b) => a - b),
      95,
    ),
    filteredFirstPageP50Ms: median(filtered),
  };
}

export async function measureActivity(quick: boolean, say: (m: string) => void): Promise<ActivityFigures[]> {
  const out: ActivityFigures[] = [];
  const pglite = freshPgliteDir();
  const embedded = await openStore({ dataDir: pglite.dir });
  try {
    say('activity log on PGlite…');
    out.push(await measure(embedded, quick));
  } finally {
    await embedded.close();
    await pglite.drop();
  }
  if (postgresUnavailable) {
    say(`activity log on PostgreSQL: skipped (${postgresUnavailable})`);
    return out;
  }
  const db = await freshPostgresDatabase();
  const server = await openStore({ databaseUrl: db.url, dataDir: '' });
  try {
    say('activity log on PostgreSQL…');
    out.push(await measure(server, quick));
  } finally {
    await server.close();
    await db.drop();
  }
  return out;
}
