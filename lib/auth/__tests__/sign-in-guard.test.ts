import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLogLevel } from '@/lib/log';

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

beforeEach(() => {
  recorded.length = 0;
});
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
    // The queue is this module's: free it before any assertion, so that a failure here leaves the next test a free queue.
    finish();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ title: 'Too many sign-ins', detail: 'Too many sign-ins right now. Try again in 1 second.' });
    expect(recorded).toEqual([['session.sign-in', { email: '' }, 'denied', 429]]);
    expect(await (await first).text()).toBe('first');
    expect(await (await second).text()).toBe('second');
  });

  it('logs one warning for a run of refusals, not one per refusal', async () => {
    const lines: Record<string, unknown>[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      return true;
    });
    setLogLevel('warn');
    // A minute on from any refusal an earlier test logged: this run's first refusal is logged, the next is not.
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    vi.setSystemTime(Date.now() + 60_000);
    try {
      let finish = () => {};
      const first = guardSignIn(() => new Promise<Response>((r) => (finish = () => r(new Response('first')))));
      const second = guardSignIn(async () => new Response('second'));
      const refused = [guardSignIn(async () => new Response('x')), guardSignIn(async () => new Response('y'))];
      await vi.advanceTimersByTimeAsync(1000);
      expect((await Promise.all(refused)).map((r) => r.status)).toEqual([429, 429]);
      finish();
      await Promise.all([first, second]);
    } finally {
      setLogLevel(null);
      vi.restoreAllMocks();
    }
    const warnings = lines.filter((l) => l.msg === 'sign-in refused: too many at once');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 'warn', refused: 1, running: 1, waiting: 1 });
  });

  it('passes on a failure of the sign-in itself', async () => {
    await expect(guardSignIn(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await (await guardSignIn(async () => new Response('ok'))).text()).toBe('ok');
  });
});
