import { afterEach, describe, expect, it } from 'vitest';
import { call, sim } from '../support/api';

/* The breaker always recovers: after a spike of failures and then a hang, the workspace answers again without a restart. */
const list = '/api/workspaces/globex/accounts?pageSize=2';

afterEach(() => sim.clearFaults());

describe('recovery after spike-then-hang (R6)', () => {
  it('answers normally within 60 s of Vonage being healthy again', { timeout: 120_000 }, async () => {
    await sim.faults({ errorRate: 1, errorStatus: 500 });
    for (let i = 0; i < 8; i += 1) expect([502, 503]).toContain((await call('support', 'GET', list)).status);
    expect((await call('support', 'GET', list)).status).toBe(503);
    // Now Vonage hangs: every probe the breaker lets through times out.
    await sim.faults({ hang: true });
    const hangUntil = Date.now() + 8_000;
    const answers = new Set<number>();
    while (Date.now() < hangUntil) answers.add((await call('support', 'GET', list)).status);
    // 429: this test outpaces the per-user rate limit while the breaker answers fast 503s.
    expect([...answers].filter((s) => ![429, 503, 504].includes(s))).toEqual([]);
    expect(answers.has(504)).toBe(true);

    await sim.clearFaults();
    const healthy = Date.now();
    await expect.poll(async () => (await call('support', 'GET', list)).status, { timeout: 60_000, interval: 250 }).toBe(200);
    const recoveredMs = Date.now() - healthy;
    console.log(`recovered ${recoveredMs} ms after Vonage was healthy`);
    expect(recoveredMs).toBeLessThan(60_000);
  });
});
