import 'server-only';
import { getConfig } from '@/lib/config/load';
import { store } from '@/lib/db/client';
import { log } from '@/lib/log';
import { applyRetention } from './retention';

const DAY_MS = 86_400_000;

async function runOnce(): Promise<void> {
  try {
    const { db } = await store();
    const removed = await applyRetention(db, getConfig().activity.retainDays);
    if (removed.length) log('info', 'activity retention', { removed });
  } catch (e) {
    log('error', 'activity retention failed', { error: e instanceof Error ? e.message : String(e) });
  }
}

/** Retention at start and once a day after; several instances may run it, each chain is locked while it is trimmed. */
export function scheduleRetention(): void {
  void runOnce();
  setInterval(() => void runOnce(), DAY_MS).unref();
}
