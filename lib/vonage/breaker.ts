import 'server-only';

const FAILURES_TO_OPEN = 5;
/** How long the circuit stays open; tests shorten it. */
const OPEN_MS = Number(process.env.BREAKER_OPEN_MS) > 0 ? Number(process.env.BREAKER_OPEN_MS) : 30_000;

interface State {
  failures: number;
  openUntil: number;
  probing: boolean;
}
const states = new Map<string, State>();

/** A circuit breaker per workspace and host: 5 consecutive failures open it for 30 s, then one probe decides. */
export const breaker = {
  /** Milliseconds until a call may be tried, or 0 when it may go now. */
  admit(key: string): number {
    const s = states.get(key);
    if (!s || s.openUntil === 0) return 0;
    const wait = s.openUntil - Date.now();
    if (wait > 0) return wait;
    if (s.probing) return 1000;
    s.probing = true;
    return 0;
  },
  success(key: string): void {
    states.delete(key);
  },
  failure(key: string): void {
    const s = states.get(key) ?? { failures: 0, openUntil: 0, probing: false };
    s.failures += 1;
    if (s.probing || s.failures >= FAILURES_TO_OPEN) s.openUntil = Date.now() + OPEN_MS;
    s.probing = false;
    states.set(key, s);
  },
  state(key: string): 'closed' | 'open' | 'half-open' {
    const s = states.get(key);
    if (!s || s.openUntil === 0) return 'closed';
    return s.openUntil > Date.now() ? 'open' : 'half-open';
  },
  reset(): void {
    states.clear();
  },
};
