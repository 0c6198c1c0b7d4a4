import { afterEach, describe, expect, it, vi } from 'vitest';
import { storeForFile, writeConfig } from './store-fixture';

/* The sign-in throttle on a store of its own (PGlite), with the clock set by the test (rate-limiter-flexible reads Date). */
writeConfig();
process.env.SIGNIN_PER_CLIENT_PER_MINUTE = '3';
const { admitSignIn, noteFailure, noteSuccess, EMAIL_FAILURES } = await import('../throttle');

const MIN = 60_000;
storeForFile();
afterEach(() => vi.useRealTimers());

describe('the sign-in throttle', () => {
  it('counts a request without a client address against one shared "unknown" client', async () => {
    for (let i = 0; i < 3; i++) expect(await admitSignIn(`anon${i}@acme.test`, '')).toBeNull();
    expect(await admitSignIn('anon@acme.test', 'unknown')).toMatchObject({ why: 'client' });
    expect(await admitSignIn('anon@acme.test', '')).toMatchObject({ why: 'client' });
  });

  it('tells a refused client to wait a whole number of seconds, at least 1 and at most the minute', async () => {
    for (let i = 0; i < 3; i++) await admitSignIn('w@acme.test', '192.0.2.5');
    const refused = await admitSignIn('w@acme.test', '192.0.2.5');
    expect(Number.isInteger(refused?.retryAfterS)).toBe(true);
    expect(refused!.retryAfterS).toBeGreaterThanOrEqual(1);
    expect(refused!.retryAfterS).toBeLessThanOrEqual(60);
  });

  it('refuses an email at its fifth failure, not its fourth, whatever the case and spaces it was typed with', async () => {
    expect(EMAIL_FAILURES).toBe(5);
    for (let i = 0; i < 4; i++) await noteFailure(' Counted@ACME.test ');
    expect(await admitSignIn('counted@acme.test', '192.0.2.10')).toBeNull();
    await noteFailure('counted@acme.test');
    expect(await admitSignIn('COUNTED@acme.test ', '192.0.2.11')).toMatchObject({ why: 'email' });
  });

  it('keeps the email refused for 15 minutes from the fifth failure, even when the first ones were long before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    for (let i = 0; i < 4; i++) await noteFailure('slow-guess@acme.test');
    vi.setSystemTime(t0 + 14 * MIN);
    await noteFailure('slow-guess@acme.test');
    // The first failures' window has closed; the block of the fifth has not.
    vi.setSystemTime(t0 + 28 * MIN);
    expect(await admitSignIn('slow-guess@acme.test', '192.0.2.20')).toMatchObject({ why: 'email', retryAfterS: 60 });
    vi.setSystemTime(t0 + 29 * MIN);
    expect(await admitSignIn('slow-guess@acme.test', '192.0.2.21')).toBeNull();
  });

  it('a right password clears that email’s failures and no other', async () => {
    for (let i = 0; i < 5; i++) {
      await noteFailure('cleared@acme.test');
      await noteFailure('other@acme.test');
    }
    await noteSuccess(' Cleared@acme.test');
    expect(await admitSignIn('cleared@acme.test', '192.0.2.30')).toBeNull();
    expect(await admitSignIn('other@acme.test', '192.0.2.31')).toMatchObject({ why: 'email' });
  });
});
