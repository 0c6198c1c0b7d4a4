import 'server-only';
import { store } from '@/lib/db/client';
import { log } from '@/lib/log';
import { appendEvent, type NewEvent } from './record';

/**
 * Appends an event to the process's store. A store that fails does not change
 * the answer already decided (a sign-in, a change Vonage made): it is logged as an error.
 */
export async function record(event: NewEvent): Promise<void> {
  try {
    const { db } = await store();
    await appendEvent(db, event);
  } catch (e) {
    log('error', 'activity not recorded', {
      action: event.action,
      status: event.status,
      error: e instanceof Error ? e.message : String(e),
    });
  }
}
