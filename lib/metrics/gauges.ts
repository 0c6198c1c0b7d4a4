import 'server-only';
import { and, count, gt, isNull } from 'drizzle-orm';
import { getConfig } from '@/lib/config/load';
import { store } from '@/lib/db/client';
import { sessions } from '@/lib/db/schema';
import { readStates } from '@/lib/index/store';
import { breaker } from '@/lib/vonage/breaker';
import { metrics } from './registry';

const BREAKER_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

/** Each workspace's breaker as it stands now (an open one turns half-open by the clock, with no call to say so). */
export function refreshBreakerGauges(): void {
  const m = metrics();
  for (const ws of getConfig().workspaces.values()) {
    const host = new URL(ws.baseUrl).host;
    m.breaker.set({ workspace: ws.id, host }, BREAKER_VALUE[breaker.state(`${ws.id}|${host}`)]);
  }
}

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
