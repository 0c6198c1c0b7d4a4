import 'server-only';
import { env } from '@/lib/env';
import { log } from '@/lib/log';

/*
 * A circuit breaker per workspace and host, after Envoy's outlier detection:
 * - a failure is a whole request that failed after its retries, not an attempt;
 * - it opens after FAILURES_TO_OPEN failed requests with no success between them
 *   inside a sliding window, so old failures age out;
 * - open for a short first period that doubles after each failed probe, up to 50 s;
 * - half-open admits one probe, which always reports back (success, failure, or
 *   given up before it reached Vonage); a probe that never reports is forgotten
 *   after PROBE_LEASE_MS so the breaker can never stay stuck;
 * - an answer to a call admitted before the latest state change (a late answer)
 *   neither closes nor opens it.
 */
export const FAILURES_TO_OPEN = 5;
const WINDOW_MS = 30_000;
/** Under 60 s, so that a workspace answers within 60 s of Vonage being healthy again (one probe after the longest period). */
const MAX_OPEN_MS = 50_000;
const PROBE_LEASE_MS = 15_000;

export type BreakerState = 'closed' | 'open' | 'half-open';
export type Outcome = 'success' | 'failure' | 'gave-up';
/** What admit() hands out; report() takes it back exactly once. */
export interface Ticket {
  key: string;
  generation: number;
  probe: boolean;
}

interface Circuit {
  failures: number[];
  generation: number;
  openUntil: number;
  openMs: number;
  probeUntil: number;
}

export class Breaker {
  private readonly circuits = new Map<string, Circuit>();
  /** `now` is a field so that tests can drive the clock. */
  constructor(
    public now: () => number = Date.now,
    /** The first open period: BREAKER_OPEN_MS (lib/env.ts), 5 s by default; tests shorten it. */
    private readonly firstOpenMs: () => number = () => env().BREAKER_OPEN_MS,
  ) {}

  private circuit(key: string): Circuit {
    let c = this.circuits.get(key);
    if (!c) this.circuits.set(key, (c = { failures: [], generation: 0, openUntil: 0, openMs: 0, probeUntil: 0 }));
    return c;
  }

  private change(key: string, c: Circuit, to: BreakerState, fields: Record<string, unknown> = {}): void {
    c.generation += 1;
    log(to === 'closed' ? 'info' : 'warn', `breaker ${to}`, { breakerKey: key, ...fields });
  }

  /** A ticket when a call may go now, or the milliseconds to wait. */
  admit(key: string): Ticket | { waitMs: number } {
    const c = this.circuit(key);
    const now = this.now();
    if (c.openUntil === 0) return { key, generation: c.generation, probe: false };
    if (now < c.openUntil) return { waitMs: c.openUntil - now };
    if (now < c.probeUntil) return { waitMs: Math.min(1000, c.probeUntil - now) };
    if (c.probeUntil === 0) this.change(key, c, 'half-open');
    c.probeUntil = now + PROBE_LEASE_MS;
    return { key, generation: c.generation, probe: true };
  }

  report(ticket: Ticket, outcome: Outcome): void {
    const c = this.circuit(ticket.key);
    if (ticket.generation !== c.generation) return;
    const now = this.now();
    if (ticket.probe) {
      if (outcome === 'gave-up') c.probeUntil = 0;
      else if (outcome === 'success') this.close(ticket.key, c);
      else this.open(ticket.key, c, now, Math.min(Math.max(MAX_OPEN_MS, this.firstOpenMs()), c.openMs * 2));
      return;
    }
    if (outcome === 'gave-up') return;
    if (outcome === 'success') {
      c.failures = [];
      return;
    }
    c.failures = c.failures.filter((t) => now - t < WINDOW_MS);
    c.failures.push(now);
    if (c.failures.length >= FAILURES_TO_OPEN) this.open(ticket.key, c, now, this.firstOpenMs());
  }

  private open(key: string, c: Circuit, now: number, ms: number): void {
    c.openMs = ms;
    c.openUntil = now + ms;
    c.probeUntil = 0;
    c.failures = [];
    this.change(key, c, 'open', { openMs: ms });
  }

  private close(key: string, c: Circuit): void {
    c.openUntil = 0;
    c.openMs = 0;
    c.probeUntil = 0;
    c.failures = [];
    this.change(key, c, 'closed');
  }

  state(key: string): BreakerState {
    const c = this.circuits.get(key);
    if (!c || c.openUntil === 0) return 'closed';
    return this.now() < c.openUntil ? 'open' : 'half-open';
  }

  reset(): void {
    this.circuits.clear();
  }
}

export const breaker = new Breaker();
