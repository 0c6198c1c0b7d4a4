import 'server-only';
import { getConfig } from '@/lib/config/load';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { reread } from './reread';

/** Soon after start, so that a fresh demo can search, without slowing the start itself. */
const FIRST_READ_MS = 3_000;

async function everyWorkspace(): Promise<void> {
  // One workspace after another: the re-read's concurrency limit holds for the whole instance.
  for (const ws of getConfig().workspaces.values()) {
    try {
      await reread(ws);
    } catch (e) {
      log('error', 'index re-read failed', { workspace: ws.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
}

/**
 * The periodic re-read (INDEX_REREAD_MINUTES, 0: off). Every instance runs the
 * timer; the lease row lets only one of them read a workspace at a time, and
 * the others skip it.
 */
export function scheduleIndex(): void {
  const minutes = env().INDEX_REREAD_MINUTES;
  if (!minutes) return;
  const loop = () => {
    void everyWorkspace().finally(() => setTimeout(loop, minutes * 60_000).unref());
  };
  setTimeout(loop, FIRST_READ_MS).unref();
}
