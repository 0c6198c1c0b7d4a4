import { afterEach, describe, expect, it, vi } from 'vitest';

/* One password check at a time and one waiting: the third sign-in at once is turned away. */
vi.hoisted(() => {
  process.env.SIGNIN_CONCURRENCY = '1';
  process.env.SIGNIN_QUEUE = '1';
});
const recorded = vi.hoisted(() => [] as unknown[][]);
vi.mock('../sign-in-events', () => ({
  recordSessionEvent: async (...args: unknown[]) => {
    recorded.push(args);
  },
}));
const { guardSignIn } = await import('../sign-in-guard');

afterEach(() => {
  vi.useRealTimers();
});

describe('the sign-in guard', () => {
  it('answers a sign-in beyond the waiting line 429 with Retry-After, after holding it a second, and records it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let finish = () => {};
    const first = guardSignIn(() => new Promise<Response>((r) => (finish = () => r(new Response('first')))));
    const second = guardSignIn(async () => new Response('second'));
    let answered = false;
    const third = guardSignIn(async () => new Response('third')).then((res) => {
      answered = true;
      return res;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const res = await third;
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ title: 'Too many sign-ins', detail: 'Too many sign-ins right now. Try again in 1 second.' });
    expect(recorded).toEqual([['session.sign-in', { email: '' }, 'denied', 429]]);
    finish();
    expect(await (await first).text()).toBe('first');
    expect(await (await second).text()).toBe('second');
  });

  it('passes on a failure of the sign-in itself', async () => {
    await expect(guardSignIn(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await (await guardSignIn(async () => new Response('ok'))).text()).toBe('ok');
  });
});
