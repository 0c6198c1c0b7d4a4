import 'server-only';
import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { store } from '@/lib/db/client';
import { env } from '@/lib/env';

/*
 * Password guessing (docs/security.md, A30), counted in the store so that
 * every instance shares the counts: per email, after 5 failures in 15 minutes
 * the email is refused for 15 minutes whatever the password; per client
 * address, 30 attempts a minute. An email that does not exist is counted the
 * same, so a refusal says nothing about whether it does.
 */
export const EMAIL_FAILURES = 5;
const EMAIL_WINDOW_S = 15 * 60;
const EMAIL_BLOCK_S = 15 * 60;
const TABLE = 'sign_in_throttle';

interface Limiters {
  email: RateLimiterPostgres;
  client: RateLimiterPostgres;
}

const slot = globalThis as typeof globalThis & { consoleThrottle?: Promise<Limiters> };

function limiters(): Promise<Limiters> {
  slot.consoleThrottle ??= store().then((s) => {
    // The table is made by the store's migrations (lib/db/schema.ts), in rate-limiter-flexible's layout.
    const common = { storeClient: { query: s.query }, storeType: 'client', tableName: TABLE, tableCreated: true };
    return {
      email: new RateLimiterPostgres({ ...common, keyPrefix: 'email', points: EMAIL_FAILURES, duration: EMAIL_WINDOW_S }),
      client: new RateLimiterPostgres({ ...common, keyPrefix: 'client', points: env().SIGNIN_PER_CLIENT_PER_MINUTE, duration: 60 }),
    };
  });
  return slot.consoleThrottle;
}

/** Emails are kept as a hash: the counters table holds no address. */
const emailKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export type Throttled = { why: 'email' | 'client'; retryAfterS: number };

/** Counts this attempt against its client, and says whether the attempt may go on to a password check. */
export async function admitSignIn(email: string, client: string): Promise<Throttled | null> {
  const l = await limiters();
  try {
    await l.client.consume(client || 'unknown');
  } catch (e) {
    if (e instanceof RateLimiterRes) return { why: 'client', retryAfterS: seconds(e.msBeforeNext) };
    throw e;
  }
  const failures = await l.email.get(emailKey(email));
  if (failures && failures.consumedPoints >= EMAIL_FAILURES) return { why: 'email', retryAfterS: seconds(failures.msBeforeNext) };
  return null;
}

/** A wrong password (or an unknown email): the fifth in the window refuses the email for 15 minutes. */
export async function noteFailure(email: string): Promise<void> {
  const l = await limiters();
  const key = emailKey(email);
  const res = await l.email.penalty(key, 1);
  if (res.consumedPoints >= EMAIL_FAILURES) await l.email.block(key, EMAIL_BLOCK_S);
}

/** A right password clears the email's failures. */
export async function noteSuccess(email: string): Promise<void> {
  await (await limiters()).email.delete(emailKey(email));
}
