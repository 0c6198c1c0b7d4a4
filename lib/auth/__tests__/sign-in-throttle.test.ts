import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Throttled } from '../throttle';

/* The sign-in route's throttle answer: the store's counts are replaced by what each test says they are. */
const state = vi.hoisted(() => ({ refused: null as Throttled | null, asked: [] as [string, string][], recorded: [] as unknown[][] }));
vi.mock('../throttle', () => ({
  admitSignIn: async (email: string, client: string) => {
    state.asked.push([email, client]);
    return state.refused;
  },
}));
vi.mock('../sign-in-events', () => ({
  recordSessionEvent: async (...args: unknown[]) => {
    state.recorded.push(args);
  },
}));
(await import('./store-fixture')).writeConfig();
const { throttleSignIn } = await import('../sign-in-guard');

beforeEach(() => {
  state.refused = null;
  state.asked = [];
  state.recorded = [];
});

const signIn = (email: string | null, ip = '192.0.2.44') => {
  const body = new URLSearchParams(email === null ? {} : { email, password: 'pw' });
  return new Request('http://console.test/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-console-client-ip': ip },
    body,
  });
};

describe('the sign-in throttle’s answer', () => {
  it('lets an admitted sign-in through, counted by its normalized email and its client', async () => {
    expect(await throttleSignIn(signIn('  Pat@ACME.test '))).toBeNull();
    expect(state.asked).toEqual([['pat@acme.test', '192.0.2.44']]);
    expect(state.recorded).toEqual([]);
  });

  it('a body that is not a form, or has no email, is counted as no email', async () => {
    await throttleSignIn(
      new Request('http://console.test/x', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }),
    );
    await throttleSignIn(signIn(null));
    expect(state.asked.map(([email]) => email)).toEqual(['', '']);
  });

  it('an email refused: 429 with Retry-After, in minutes from 90 seconds on, recorded with why', async () => {
    state.refused = { why: 'email', retryAfterS: 900 };
    const res = (await throttleSignIn(signIn('pat@acme.test')))!;
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('900');
    expect(await res.json()).toMatchObject({
      title: 'Too many sign-in attempts',
      detail: 'Too many failed sign-ins for this email. Try again in 15 minutes.',
    });
    expect(state.recorded).toEqual([
      ['session.sign-in', { email: 'pat@acme.test' }, 'denied', 429, expect.any(Headers), { throttled: 'email' }],
    ]);
  });

  it.each([
    [1, '1 second'],
    [89, '89 seconds'],
    [90, '2 minutes'],
    [91, '2 minutes'],
  ])('a client refused for %i s reads "%s", about its network', async (retryAfterS, words) => {
    state.refused = { why: 'client', retryAfterS };
    const res = (await throttleSignIn(signIn('pat@acme.test')))!;
    expect(res.headers.get('retry-after')).toBe(String(retryAfterS));
    expect(((await res.json()) as { detail: string }).detail).toBe(`Too many sign-in attempts from your network. Try again in ${words}.`);
  });

  it('keeps at most 320 characters of the email', async () => {
    await throttleSignIn(signIn(`${'a'.repeat(400)}@acme.test`));
    expect(state.asked[0]![0]).toBe('a'.repeat(320));
  });
});
