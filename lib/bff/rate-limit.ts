import 'server-only';

/** A token bucket per user, so one user's flood is refused before it reaches Vonage and others are unaffected. */
const buckets = new Map<string, { tokens: number; at: number }>();

function limits() {
  const rate = Number(process.env.RATE_LIMIT_PER_SECOND);
  const perSecond = Number.isFinite(rate) && rate > 0 ? rate : 20;
  return { perSecond, burst: perSecond * 2 };
}

/** Seconds to wait, or 0 when the request may go. */
export function takeToken(key: string, now = Date.now()): number {
  const { perSecond, burst } = limits();
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
