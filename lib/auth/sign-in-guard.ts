import 'server-only';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { log } from '@/lib/log';
import { HttpError, problemResponse } from '@/lib/bff/problem';
import { boundedQueue, QueueFull } from './bounded-queue';

/*
 * The CPU guard for sign-ins. Each password check is an scrypt hash (about
 * 60 ms of one core, run on libuv's threadpool of 4): a flood of sign-ins
 * would fill every thread and core and starve signed-in people. Checks run a
 * few at a time, leaving the event loop a core (and the threadpool free
 * threads); a bounded line waits, and the rest get 429 at once.
 */
function setting(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

const queue = boundedQueue({
  concurrency: setting('SIGNIN_CONCURRENCY', Math.min(2, Math.max(1, availableParallelism() - 1))),
  maxWaiting: setting('SIGNIN_QUEUE', 16),
});

let refused = 0;
let lastLogAt = 0;

/** One warn line at most every 10 s while sign-ins are refused (a flood must not flood the log too). */
function noteRefused() {
  refused++;
  const now = Date.now();
  if (now - lastLogAt < 10_000) return;
  log('warn', 'sign-in refused: too many at once', { refused, running: queue.running, waiting: queue.waiting });
  lastLogAt = now;
  refused = 0;
}

/** Runs a sign-in (the part that checks a password) in the queue; overflow is a 429 with Retry-After. */
export async function guardSignIn(work: () => Promise<Response>): Promise<Response> {
  try {
    return await queue.run(work);
  } catch (e) {
    if (!(e instanceof QueueFull)) throw e;
    noteRefused();
    const err = new HttpError(429, 'Too many sign-ins', `Too many sign-ins right now. Try again in ${e.retryAfterS} second${e.retryAfterS === 1 ? '' : 's'}.`, {
      headers: { 'retry-after': String(e.retryAfterS) },
    });
    return problemResponse(err, randomUUID());
  }
}
