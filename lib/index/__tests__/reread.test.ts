import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workspace } from '@/lib/config/load';
import type { AccountPage } from '@/lib/schemas/account';
import type { ApplicationPage } from '@/lib/schemas/application';
import { UpstreamError } from '@/lib/vonage/errors';

/*
 * A whole re-read asks for accounts and applications side by side. When one side fails, the other must stop too, and
 * the read must end (and give its lease back) only once nothing of it is still asking Vonage or writing the index.
 */
const steps = vi.hoisted(() => [] as string[]);
const answers = vi.hoisted(() => ({
  accounts: new Map<number, () => Promise<unknown>>(),
  applications: new Map<number, () => Promise<unknown>>(),
}));
vi.mock('@/lib/db/client', () => ({ store: async () => ({ db: {} }) }));
vi.mock('@/lib/env', () => ({ env: () => ({ INDEX_CONCURRENCY: 4, LOG_LEVEL: 'silent' }) }));
vi.mock('../store', () => ({
  takeLease: async () => true,
  endLease: async () => void steps.push('lease given back'),
  putAccounts: async () => void steps.push('accounts written'),
  putApplications: async () => void steps.push('applications written'),
  sweep: async () => void steps.push('sweep'),
  settleIndex: async () => {},
}));
vi.mock('@/lib/vonage/accounts', () => ({
  listAccounts: (_ws: unknown, q: { page: number }) => {
    steps.push(`ask accounts ${q.page}`);
    return answers.accounts.get(q.page)!();
  },
}));
vi.mock('@/lib/vonage/applications', () => ({
  listApplications: (_ws: unknown, q: { page: number }) => {
    steps.push(`ask applications ${q.page}`);
    return answers.applications.get(q.page)!();
  },
}));

const { reread } = await import('../reread');

const ws = { id: 'acme' } as Workspace;
const accountPage = (page: number, lastPage: number): AccountPage => ({
  items: [],
  page,
  pageSize: 100,
  hasPrev: page > 1,
  hasNext: page < lastPage,
  lastPage,
});
const applicationPage = (page: number, totalPages: number): ApplicationPage => ({
  items: [],
  page,
  pageSize: 100,
  totalItems: totalPages * 100,
  totalPages,
});

/** An answer the test gives when it chooses. */
function later<T>() {
  let give!: (value: T) => void;
  let fail!: (e: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    give = resolve;
    fail = reject;
  });
  return { promise, give, fail };
}

/** Lets every promise chain that can move, move (the mocks answer on microtasks and immediates, never on a clock). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((r) => setImmediate(r));
}

beforeEach(() => {
  steps.length = 0;
  answers.accounts.clear();
  answers.applications.clear();
  vi.useRealTimers();
});

describe('reread', () => {
  it('a failure on one side stops the other: its page in flight ends, no later page is asked, and only then is the lease given back', async () => {
    const applications1 = later<ApplicationPage>();
    answers.applications.set(1, () => applications1.promise);
    answers.applications.set(2, async () => applicationPage(2, 3));
    answers.applications.set(3, async () => applicationPage(3, 3));
    answers.accounts.set(1, async () => {
      throw new UpstreamError('server_error', 'Vonage failed');
    });

    let done = false;
    const read = reread(ws).finally(() => (done = true));
    await settle();
    expect(steps).toEqual(['ask accounts 1', 'ask applications 1']);
    expect(done).toBe(false);

    applications1.give(applicationPage(1, 3));
    const result = await read;
    expect(result).toMatchObject({ ok: false, error: 'server_error' });
    expect(steps).toEqual(['ask accounts 1', 'ask applications 1', 'applications written', 'lease given back']);
  });

  it('a 429 pause on one side ends at once when the other side fails, and is not followed by another ask', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const accounts1 = later<AccountPage>();
    answers.accounts.set(1, () => accounts1.promise);
    answers.applications.set(1, async () => {
      throw new UpstreamError('rate_limited', 'slow down', { retryAfterSeconds: 60 });
    });

    let done = false;
    const read = reread(ws).finally(() => (done = true));
    await settle();
    expect(steps).toEqual(['ask accounts 1', 'ask applications 1']);
    expect(vi.getTimerCount()).toBe(1); // the 60 s pause

    accounts1.fail(new UpstreamError('timeout', 'Vonage too slow'));
    await settle();
    // No clock moved: the pause ended because the read stopped.
    expect(done).toBe(true);
    expect(await read).toMatchObject({ ok: false, error: 'timeout' });
    expect(steps).toEqual(['ask accounts 1', 'ask applications 1', 'lease given back']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('pages 2… of a side stop when one of them fails; the pages being read end first', async () => {
    const accounts3 = later<AccountPage>();
    answers.accounts.set(1, async () => accountPage(1, 9));
    answers.accounts.set(2, async () => {
      throw new UpstreamError('server_error', 'Vonage failed');
    });
    answers.accounts.set(3, () => accounts3.promise);
    for (let n = 4; n <= 9; n += 1) answers.accounts.set(n, async () => accountPage(n, 9));
    answers.applications.set(1, async () => applicationPage(1, 1));

    const read = reread(ws, 2);
    await settle();
    expect(steps).not.toContain('lease given back');
    accounts3.give(accountPage(3, 9));
    expect(await read).toMatchObject({ ok: false, error: 'server_error' });
    const asked = steps.filter((s) => s.startsWith('ask accounts'));
    expect(asked).toEqual(['ask accounts 1', 'ask accounts 2', 'ask accounts 3']);
    expect(steps.at(-1)).toBe('lease given back');
    expect(steps).not.toContain('sweep');
  });

  it('a read that goes well sweeps, then gives the lease back', async () => {
    answers.accounts.set(1, async () => accountPage(1, 2));
    answers.accounts.set(2, async () => accountPage(2, 2));
    answers.applications.set(1, async () => applicationPage(1, 1));
    expect(await reread(ws)).toMatchObject({ ok: true, calls: 3 });
    expect(steps.slice(-2)).toEqual(['sweep', 'lease given back']);
  });
});
