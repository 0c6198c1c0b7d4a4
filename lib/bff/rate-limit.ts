import 'server-only';
import { env } from '@/lib/env';

/** A token bucket per user, so one user's flood is refused before it reaches Vonage and others are unaffected. */
const buckets = new Map<string, { tokens: number; at: number }>();

/** Seconds to wait, or 0 when the request may go. `perSecond` is RATE_LIMIT_PER_SECOND (lib/env.ts) unless given. */
export function takeToken(key: string, now = Date.now(), perSecond = env().RATE_LIMIT_PER_SECOND): number {
  const burst = perSecond * 2;
  const b = buckets.get(key) ?? { tokens: burst, at: now };
  b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
  b.at = now;
  buckets.set(key, b);
  if (buckets.size > 10_000) buckets.clear();
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
}
