import 'server-only';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { HttpError, problemResponse } from '@/lib/bff/problem';
import { boundedQueue, QueueFull } from './bounded-queue';
import { clientAddress } from './client-address';
import { recordSessionEvent } from './sign-in-events';
import { admitSignIn } from './throttle';

/*
 * The CPU guard for sign-ins. Each password check is an scrypt hash (50-100
 * ms of one core) on libuv's threadpool of 4, the same threads that derive
 * every signed-in request's session key (HKDF): a flood of sign-ins filled
 * every thread and core and starved signed-in people. Checks run a few at a time (by default
 * one core fewer than the machine has, at most 2), a bounded line waits, and
 * the rest get 429 with Retry-After. Not per email or client: that is a
 * throttle with a store, apart from this.
 */
const queue = boundedQueue({
  concurrency: env().SIGNIN_CONCURRENCY ?? Math.min(2, Math.max(1, availableParallelism() - 1)),
  maxWaiting: env().SIGNIN_QUEUE,
});

/** How long a refusal is held before it is answered. */
const REFUSAL_HOLD_MS = 1000;

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
    // Turned away before its password was read: recorded without an email (none was read).
    void recordSessionEvent('session.sign-in', { email: '' }, 'denied', 429);
    // Held a moment before the answer: a client that ignores Retry-After and asks again at once would
    // otherwise keep the event loop busy with refusals. Holding costs a timer, not CPU.
    await new Promise((r) => setTimeout(r, REFUSAL_HOLD_MS));
    const err = new HttpError(
      429,
      'Too many sign-ins',
      `Too many sign-ins right now. Try again in ${e.retryAfterS} second${e.retryAfterS === 1 ? '' : 's'}.`,
      {
        headers: { 'retry-after': String(e.retryAfterS) },
      },
    );
    return problemResponse(err, randomUUID());
  }
}

const inMinutes = (s: number) => (s >= 90 ? `${Math.ceil(s / 60)} minutes` : `${s} second${s === 1 ? '' : 's'}`);

/**
 * Password guessing (A30): an email refused after its failures, or a client
 * over its attempts a minute, gets 429 with Retry-After before any password is
 * read. The words are the same whether or not the email exists.
 */
export async function throttleSignIn(req: Request): Promise<Response | null> {
  const form = await req
    .clone()
    .formData()
    .catch(() => null);
  const raw = form?.get('email');
  const email = typeof raw === 'string' ? raw.trim().toLowerCase().slice(0, 320) : '';
  const refused = await admitSignIn(email, clientAddress(req.headers));
  if (!refused) return null;
  const { retryAfterS: wait, why } = refused;
  await recordSessionEvent('session.sign-in', { email }, 'denied', 429, req.headers, { throttled: why });
  const detail =
    why === 'email'
      ? `Too many failed sign-ins for this email. Try again in ${inMinutes(wait)}.`
      : `Too many sign-in attempts from your network. Try again in ${inMinutes(wait)}.`;
  return problemResponse(
    new HttpError(429, 'Too many sign-in attempts', detail, { headers: { 'retry-after': String(wait) } }),
    randomUUID(),
  );
}
