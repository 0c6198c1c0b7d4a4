/*
 * What the session check in the store costs each request (issue: "+0.1 ms
 * CPU"), on both engines, measured in this process on the functions the BFF
 * calls (lib/auth/sessions.ts): one person making 10 requests a second for
 * 10 minutes of simulated time (the check cache answers most; the store is
 * read every 4 s and last_seen_at written every minute), and the worst case,
 * a request that always reads the store (one more than 4 s after the last).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '@/lib/db/client';
import { freshPgliteDir, freshPostgresDatabase, postgresUnavailable } from '../tests/support/databases';

export interface SessionFigures {
  engine: 'pglite' | 'postgres';
  /** CPU per request (ms) for a person making 10 requests a second. */
  steadyCpuMs: number;
  /** CPU per request (ms) when every check reads the store. */
  uncachedCpuMs: number;
  uncachedWallMs: number;
}

const slot = globalThis as typeof globalThis & { consoleStore?: Promise<Store> | null; consoleSessions?: Map<string, unknown> };

/** The session module reads the process's config: a small one of its own, unless the bench has one. */
function ensureConfig() {
  if (process.env.CONSOLE_CONFIG) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-sessions-'));
  const file = path.join(dir, 'console.json');
  const hash = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  writeFileSync(
    file,
    JSON.stringify({
      workspaces: [{ id: 'bench', name: 'Bench', apiKey: 'bench1', apiSecret: 'x', baseUrl: 'http://127.0.0.1:9' }],
      users: [{ email: 'support@bench.test', role: 'support', passwordHash: hash }],
    }),
  );
  process.env.CONSOLE_CONFIG = file;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

async function measure(store: Store, quick: boolean): Promise<SessionFigures> {
  slot.consoleStore = Promise.resolve(store);
  slot.consoleSessions?.clear();
  const { startSession, sessionPerson } = await import('@/lib/auth/sessions');
  const t0 = Date.now();
  const id = await startSession('support@bench.test', 'password', new Date(t0));
  for (let i = 0; i < 50; i++) await sessionPerson(id, t0 + i);

  const requests = quick ? 2_000 : 6_000;
  let cpu = process.cpuUsage();
  for (let i = 0; i < requests; i++) if (!(await sessionPerson(id, t0 + 1_000 + i * 100))) throw new Error('session ended in the bench');
  const steady = cpuMs(process.cpuUsage(cpu)) / requests;

  const misses = quick ? 200 : 1_000;
  const base = t0 + 1_000 + requests * 100;
  cpu = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < misses; i++) {
    slot.consoleSessions?.clear();
    await sessionPerson(id, base + i);
  }
  return {
    engine: store.engine,
    steadyCpuMs: steady,
    uncachedCpuMs: cpuMs(process.cpuUsage(cpu)) / misses,
    uncachedWallMs: (performance.now() - wall) / misses,
  };
}

export async function measureSessions(quick: boolean, say: (m: string) => void): Promise<SessionFigures[]> {
  ensureConfig();
  const out: SessionFigures[] = [];
  const pglite = freshPgliteDir();
  const embedded = await openStore({ dataDir: pglite.dir });
  try {
    say('session check on PGlite…');
    out.push(await measure(embedded, quick));
  } finally {
    slot.consoleStore = null;
    await embedded.close();
    await pglite.drop();
  }
  if (postgresUnavailable) {
    say(`session check on PostgreSQL: skipped (${postgresUnavailable})`);
    return out;
  }
  const db = await freshPostgresDatabase();
  const server = await openStore({ databaseUrl: db.url, dataDir: '' });
  try {
    say('session check on PostgreSQL…');
    out.push(await measure(server, quick));
  } finally {
    slot.consoleStore = null;
    await server.close();
    await db.drop();
  }
  return out;
}
