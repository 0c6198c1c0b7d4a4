import 'server-only';
import { PROBLEM_WORDS } from '@/lib/schemas/problem-words';
import { HttpError } from './problem';

/**
 * One change at a time per account: a double click, a retry while the first
 * request is still waiting on Vonage, or a second tab must not create two
 * Messenger accounts or link twice. In memory per instance for now; the
 * store can back the same interface later so that every instance shares it.
 */
export interface ChangeLocks {
  /** A release function, or null when a change to `key` is already in flight. */
  acquire(key: string): (() => void) | null;
}

function memoryLocks(): ChangeLocks {
  const held = new Set<string>();
  return {
    acquire(key) {
      if (held.has(key)) return null;
      held.add(key);
      return () => held.delete(key);
    },
  };
}

export const changeLocks: ChangeLocks = memoryLocks();

export const changeKey = (ws: string, provider: string, externalId: string) => `${ws}|${provider}|${externalId}`;

/** Runs `fn` holding the account's lock, or answers 409 while another change to it is in flight. */
export async function oneChangeAtATime<T>(key: string, fn: () => Promise<T>, locks: ChangeLocks = changeLocks): Promise<T> {
  const release = locks.acquire(key);
  if (!release)
    throw new HttpError(409, PROBLEM_WORDS['change-in-progress'].title, PROBLEM_WORDS['change-in-progress'].words(), {
      type: 'change-in-progress',
    });
  try {
    return await fn();
  } finally {
    release();
  }
}
