import 'server-only';
import { store } from '@/lib/db/client';
import type { IndexStatus } from '@/lib/schemas/index-views';
import { isReading } from './reread';
import { readStates } from './store';

/** How fresh a workspace's index is: its "as of", whether a re-read runs now, and how the last one went. */
export async function indexStatus(workspace: string): Promise<IndexStatus> {
  const { db } = await store();
  const s = (await readStates(db, [workspace])).get(workspace)!;
  return {
    workspace,
    asOf: s.asOf?.toISOString() ?? null,
    running: s.running || isReading(workspace),
    finishedAt: s.finishedAt?.toISOString() ?? null,
    lastOutcome: s.outcome === 'ok' || s.outcome === 'failed' ? s.outcome : null,
    accounts: s.accounts,
    applications: s.applications,
  };
}
