import 'server-only';
import { and, count, gt, isNull } from 'drizzle-orm';
import { getConfig } from '@/lib/config/load';
import { store } from '@/lib/db/client';
import { sessions } from '@/lib/db/schema';
import { readStates } from '@/lib/index/store';
import { metrics } from './registry';

/** The series read from the store when Prometheus scrapes: what every instance shares, so each instance reports the same. */
export async function refreshStoreGauges(now = Date.now()): Promise<void> {
  const m = metrics();
  const { db } = await store();
  const config = getConfig();
  const { idleMinutes, maxHours } = config.session;
  const [live] = await db
    .select({ n: count() })
    .from(sessions)
    .where(
      and(
        isNull(sessions.endedAt),
        gt(sessions.lastSeenAt, new Date(now - idleMinutes * 60_000)),
        gt(sessions.createdAt, new Date(now - maxHours * 3_600_000)),
      ),
    );
  m.sessions.set(live?.n ?? 0);
  const states = await readStates(db, [...config.workspaces.keys()]);
  m.indexAge.reset();
  for (const [workspace, s] of states) if (s.asOf) m.indexAge.set({ workspace }, Math.max(0, (now - s.asOf.getTime()) / 1000));
}
