import { beforeEach, describe, expect, it } from 'vitest';
import { Breaker, type Ticket } from '../breaker';

let t = 0;
let b: Breaker;
beforeEach(() => {
  t = 1_000_000;
  b = new Breaker(
    () => t,
    () => 5_000,
  );
});

const admit = (key = 'k') => {
  const ticket = b.admit(key);
  if ('waitMs' in ticket) throw new Error(`refused for ${ticket.waitMs} ms`);
  return ticket;
};
const fail = (n: number) => {
  for (let i = 0; i < n; i += 1) b.report(admit(), 'failure');
};

describe('breaker', () => {
  it('opens after 5 failed requests with no success between them, and refuses at once while open', () => {
    fail(4);
    expect(b.state('k')).toBe('closed');
    fail(1);
    expect(b.state('k')).toBe('open');
    expect(b.admit('k')).toEqual({ waitMs: 5_000 });
  });

  it('lets failures age out of the 30 s window', () => {
    fail(4);
    t += 31_000;
    fail(1);
    expect(b.state('k')).toBe('closed');
  });

  it('forgets failures after a success', () => {
    fail(4);
    b.report(admit(), 'success');
    fail(4);
    expect(b.state('k')).toBe('closed');
  });

  it('ignores a late answer to a call admitted before it opened: neither closes nor opens it', () => {
    const early: Ticket = admit();
    fail(5);
    b.report(early, 'success');
    expect(b.state('k')).toBe('open');
    t += 5_000;
    const probe = admit();
    b.report(probe, 'success');
    expect(b.state('k')).toBe('closed');
    const late = { ...early };
    fail(4);
    b.report(late, 'failure');
    expect(b.state('k')).toBe('closed');
  });

  it('admits one probe when half-open; its success closes it', () => {
    fail(5);
    t += 5_000;
    const probe = admit();
    expect(probe.probe).toBe(true);
    expect('waitMs' in b.admit('k')).toBe(true);
    b.report(probe, 'success');
    expect(b.state('k')).toBe('closed');
    expect(admit().probe).toBe(false);
  });

  it('opens for 5 s first, doubling after each failed probe up to 50 s', () => {
    fail(5);
    const periods: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const refused = b.admit('k') as { waitMs: number };
      periods.push(refused.waitMs);
      t += refused.waitMs;
      b.report(admit(), 'failure');
    }
    expect(periods).toEqual([5_000, 10_000, 20_000, 40_000, 50_000, 50_000]);
  });

  it('takes the first period it is given (BREAKER_OPEN_MS)', () => {
    b = new Breaker(
      () => t,
      () => 200,
    );
    fail(5);
    expect(b.admit('k')).toEqual({ waitMs: 200 });
  });

  it('a probe that gave up (refused before reaching Vonage) frees the way for the next probe', () => {
    fail(5);
    t += 5_000;
    b.report(admit(), 'gave-up');
    expect(b.state('k')).toBe('half-open');
    const next = admit();
    expect(next.probe).toBe(true);
    b.report(next, 'success');
    expect(b.state('k')).toBe('closed');
  });

  it('a probe that never reports is forgotten after its lease, so the breaker cannot stay stuck', () => {
    fail(5);
    t += 5_000;
    admit();
    t += 15_000;
    expect(admit().probe).toBe(true);
  });

  it('keeps workspaces apart', () => {
    fail(5);
    expect(admit('other').probe).toBe(false);
  });
});
