import { describe, expect, it } from 'vitest';
import { takeToken } from '../rate-limit';

/** The token bucket's arithmetic on an injected clock: `takeToken(key, now, rate)` answers 0 (go) or the seconds to wait. */
let n = 0;
const someone = () => `user-${++n}@test`;
const T0 = 1_000_000;

/** `count` requests at the same instant; how many were let through. */
const RATE = 50;
const take = (key: string, now: number, rate = RATE) => takeToken(key, now, rate);

function burst(key: string, count: number, now: number, rate = RATE): number {
  let ok = 0;
  for (let i = 0; i < count; i++) if (take(key, now, rate) === 0) ok++;
  return ok;
}

describe('rate limit per user (token bucket)', () => {
  it('lets a burst of twice the rate through at once, then refuses', () => {
    const u = someone();
    expect(burst(u, 100, T0)).toBe(100);
    expect(take(u, T0)).toBeGreaterThan(0);
  });

  it('a refused request is told to wait at least 1 second', () => {
    const u = someone();
    burst(u, 100, T0);
    expect(take(u, T0)).toBe(1);
  });

  it('refills at the rate: one more request every 1/rate seconds', () => {
    const u = someone();
    burst(u, 100, T0);
    expect(take(u, T0 + 10)).toBeGreaterThan(0); // 0.5 of a token
    expect(take(u, T0 + 20)).toBe(0); // 1 token after 20 ms at 50/s
    expect(take(u, T0 + 20)).toBeGreaterThan(0);
    expect(burst(u, 100, T0 + 1020)).toBe(50); // one second later: 50 more
  });

  it('refills no further than the burst, however long the pause', () => {
    const u = someone();
    burst(u, 100, T0);
    expect(burst(u, 1000, T0 + 3_600_000)).toBe(100);
  });

  it('a steady rate at the limit is never refused', () => {
    const u = someone();
    burst(u, 100, T0);
    for (let i = 1; i <= 500; i++) expect(take(u, T0 + i * 20)).toBe(0);
  });

  it("one user's flood leaves another user's bucket full", () => {
    const flooder = someone();
    const other = someone();
    burst(flooder, 1000, T0);
    expect(burst(other, 100, T0)).toBe(100);
  });

  it('asks for a longer wait when the rate is below 1 a second', () => {
    const u = someone();
    expect(burst(u, 10, T0, 0.5)).toBe(1); // burst 1
    expect(take(u, T0, 0.5)).toBe(2); // a whole token missing at 0.5 a second
    expect(take(u, T0 + 2000, 0.5)).toBe(0);
  });

  it('uses RATE_LIMIT_PER_SECOND, 20 a second (burst 40) by default', () => {
    expect(burst(someone(), 100, T0, 20)).toBe(40);
    expect(burst(someone(), 100, T0)).toBe(100);
  });

  it('asks only for the part of a token still missing', () => {
    const u = someone();
    expect(burst(u, 2, T0, 1)).toBe(2);
    // Half a token back after 0.5 s at 1 a second: half a token to go, so 1 s (not 2).
    expect(take(u, T0 + 500, 1)).toBe(1);
  });

  it('forgets every bucket past 10,000 people, so memory stays bounded', () => {
    const u = someone();
    expect(burst(u, 100, T0)).toBe(100);
    expect(take(u, T0)).toBeGreaterThan(0);
    for (let i = 0; i < 10_001; i++) take(`crowd-${n}-${i}`, T0);
    expect(take(u, T0)).toBe(0);
  });
});
