import 'server-only';

export const MAX_ATTEMPTS = 3;
const BASE_MS = 100;
const CAP_MS = 1000;

/** Capped exponential backoff with full jitter. */
export function backoffMs(attempt: number): number {
  return Math.random() * Math.min(CAP_MS, BASE_MS * 2 ** attempt);
}

/*
 * A retry budget: each request earns a fifth of a retry, so under a storm of
 * failures retries stay near 20 % of requests instead of tripling the load.
 */
let tokens = 10;
const EARN = 0.2;
const MAX_TOKENS = 10;

export const retryBudget = {
  earn(): void {
    tokens = Math.min(MAX_TOKENS, tokens + EARN);
  },
  spend(): boolean {
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  },
};

/** Seconds from a Retry-After header (delta-seconds or HTTP-date), or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The clock the attempt loop and each attempt's deadline read, and the pause between attempts; tests replace them. */
export const clock = { now: (): number => Date.now(), sleep };
