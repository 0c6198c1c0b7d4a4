import type * as ReactQuery from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { json, stale, stubFetch, testClient } from './fetch-stub';
import type { Account } from '@/lib/schemas/account';

/*
 * The edges of the account mutations and of apiFetch that a page meets: what is sent, what a failure leaves in the
 * cache, and when the account is read again. The hooks without React, as in cache.test.ts.
 */
const state = vi.hoisted(() => ({ qc: null as unknown }));
vi.mock('@tanstack/react-query', async (original) => ({
  ...(await original<typeof ReactQuery>()),
  useQueryClient: () => state.qc,
  useMutation: (options: unknown) => options,
}));

const { ApiError, apiFetch, asProblem } = await import('../api');
const { accountDetailQuery, accountKeys } = await import('../accounts');
const mutations = await import('../account-mutations');
const { applicationsQuery } = await import('../applications');
const { accountHistoryQuery, activityQuery } = await import('../activity');
const { settle } = await import('../settle');
const { describeError, fieldErrors } = await import('../describe-error');

type Options = {
  mutationFn: (arg: never) => Promise<unknown>;
  onSuccess: (data: never, v: never) => Promise<unknown> | void;
  onError: (e: unknown) => void;
};
const options = (o: unknown) => o as Options;

const account = (over: Partial<Account> = {}): Account => ({
  provider: 'whatsapp',
  externalId: '447700900001',
  name: 'A',
  applications: ['app-1'],
  apiKey: 'k',
  accessTokenHint: null,
  ...over,
});

const net = stubFetch();

const client = () => testClient((qc) => (state.qc = qc));
const detail = accountKeys.detail('acme', 'whatsapp', '447700900001');
const otherWs = accountKeys.list('globex', { page: 1, pageSize: 20 });
const otherAccount = accountKeys.detail('acme', 'rcs', 'agent');
const acmeList = accountKeys.list('acme', { page: 1, pageSize: 20 });

describe('apiFetch sends', () => {
  it('a read: same-origin cookies, JSON accepted, no body and no body headers', async () => {
    net.answers.push(() => json(200, {}));
    await apiFetch('/api/a');
    expect(net.calls[0]!.init).toMatchObject({ method: 'GET', credentials: 'same-origin', body: undefined });
    expect(net.calls[0]!.init.headers).toEqual({ accept: 'application/json' });
  });

  it('a change without a body: the anti-forgery header, no content type', async () => {
    net.answers.push(() => new Response(null, { status: 204 }));
    expect(await apiFetch('/api/a', { method: 'DELETE' })).toBeUndefined();
    expect(net.calls[0]!.init.headers).toEqual({ accept: 'application/json', 'x-csrf': '1' });
  });

  it('a failure’s message: the detail, else the title, else the status', async () => {
    const p = { type: 't', title: 'The title', status: 500, instance: 'r' };
    expect(new ApiError(500, { ...p, detail: 'The detail' }, null).message).toBe('The detail');
    expect(new ApiError(500, p, null).message).toBe('The title');
    expect(new ApiError(500, null, null).message).toBe('Request failed (500)');
    expect(new ApiError(500, null, null).name).toBe('ApiError');
  });

  it('a problem keeps only the fields it has', () => {
    const ok = { type: 't', title: 'x', status: 400, instance: 'r' };
    expect(Object.keys(asProblem(ok)!)).toEqual(['type', 'title', 'status', 'instance']);
    expect(Object.keys(asProblem({ ...ok, detail: 'd', restored: true })!)).toEqual([
      'type',
      'title',
      'status',
      'detail',
      'instance',
      'restored',
    ]);
    expect(asProblem(null)).toBeNull();
    expect(asProblem([ok])).toBeNull();
    expect(asProblem({ ...ok, invalidParams: [null] })).toBeNull();
    expect(asProblem({ ...ok, invalidParams: [{ name: 'a' }] })).toBeNull();
    expect(asProblem({ ...ok, invalidParams: [{ reason: 'r' }] })).toBeNull();
  });
});

describe('queries pass their signal on, so a page left is a request cancelled', () => {
  const signal = new AbortController().signal;
  it.each([
    ['an account', () => accountDetailQuery('acme', 'whatsapp', '1').queryFn!({ signal } as never)],
    ['the applications', () => applicationsQuery('acme').queryFn!({ signal } as never)],
    ['an activity page', () => activityQuery('acme', 'workspace', {}).queryFn!({ signal, pageParam: null } as never)],
    ['an account’s history', () => accountHistoryQuery('acme', '1').queryFn!({ signal } as never)],
  ])('%s', async (_what, read) => {
    net.answers.push(() => json(200, { items: [], nextCursor: null }));
    await read();
    expect(net.calls[0]!.init.signal).toBe(signal);
  });

  it('an account’s history is that account’s events in its workspace', async () => {
    net.answers.push(() => json(200, { items: [], nextCursor: null }));
    await accountHistoryQuery('acme', '447700900001').queryFn!({ signal } as never);
    expect(net.calls[0]!.url).toBe('/api/workspaces/acme/activity?target=447700900001');
  });
});

describe('settle touches this account and this workspace only', () => {
  it('a deleted account leaves the other accounts in the cache', () => {
    const qc = client();
    qc.setQueryData(detail, account());
    qc.setQueryData(otherAccount, account({ provider: 'rcs', externalId: 'agent' }));
    void settle(qc, 'acme', 'whatsapp', '447700900001', null);
    expect(qc.getQueryData(detail)).toBeUndefined();
    expect(qc.getQueryData(otherAccount)).toBeDefined();
  });

  it('an answer without the account marks that account stale, not the others', () => {
    const qc = client();
    qc.setQueryData(detail, account());
    qc.setQueryData(otherAccount, account());
    qc.setQueryData(otherWs, { items: [] });
    void settle(qc, 'acme', 'whatsapp', '447700900001');
    expect(stale(qc, detail)).toBe(true);
    expect(stale(qc, otherAccount)).toBe(false);
    expect(stale(qc, otherWs)).toBe(false);
  });
});

describe('after a failed change', () => {
  /** A client whose account query can be read again, with the account cached, another account and another workspace. */
  function cached(now: Account) {
    const qc = client();
    qc.getQueryCache().build(qc, accountDetailQuery('acme', 'whatsapp', '447700900001') as never);
    qc.setQueryData(detail, now);
    qc.setQueryData(otherAccount, account());
    qc.setQueryData(otherWs, { items: [] });
    qc.setQueryData(acmeList, { items: [] });
    return qc;
  }
  const unconfirmed = () => new ApiError(504, { type: '/problems/unconfirmed', title: 't', status: 504, instance: 'r' }, null);

  it.each([
    ['update', () => mutations.useUpdateMessenger('acme', '447700900001')],
    ['delete', () => mutations.useDeleteMessenger('acme', '447700900001')],
    ['unlink', () => mutations.useUnlinkApplication('acme', 'whatsapp', '447700900001')],
    ['replace', () => mutations.useReplaceApplication('acme', 'whatsapp', '447700900001')],
  ])('a refused %s marks its account stale', (_op, hook) => {
    const qc = client();
    const provider = _op === 'update' || _op === 'delete' ? 'messenger' : 'whatsapp';
    const key = accountKeys.detail('acme', provider, '447700900001');
    qc.setQueryData(key, account());
    options(hook()).onError(new ApiError(409, null, null));
    expect(stale(qc, key)).toBe(true);
  });

  it('an unconfirmed one whose first re-read agrees with the page reads once, and only that account', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const qc = cached(account());
    net.answers = [() => json(200, account()), () => json(200, account())];
    options(mutations.useLinkApplication('acme', 'whatsapp', '447700900001')).onError(unconfirmed());
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(net.calls).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(net.calls.map((c) => c.url)).toEqual(['/api/workspaces/acme/accounts/whatsapp/447700900001']);
    await vi.waitFor(() => expect(stale(qc, acmeList)).toBe(true));
    expect(stale(qc, otherWs)).toBe(false);
    expect(stale(qc, otherAccount)).toBe(false);
  });

  it('a re-read that fails is not taken as agreement: the account is read again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    cached(account());
    net.answers = [() => json(500, null), () => json(200, account()), () => json(200, account())];
    options(mutations.useLinkApplication('acme', 'whatsapp', '447700900001')).onError(unconfirmed());
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(net.calls).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(1500);
    await vi.waitFor(() => expect(net.calls).toHaveLength(2));
  });

  it('an unconfirmed one on a page that no longer holds the account still refreshes the lists', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const qc = client();
    qc.setQueryData(acmeList, { items: [] });
    options(mutations.useLinkApplication('acme', 'whatsapp', '447700900001')).onError(unconfirmed());
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(stale(qc, acmeList)).toBe(true));
    expect(net.calls).toEqual([]);
  });

  it('a refused one (a problem, not unconfirmed) is not read again and again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    cached(account());
    options(mutations.useLinkApplication('acme', 'whatsapp', '447700900001')).onError(new ApiError(409, null, null));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(net.calls).toEqual([]);
  });

  it('a replace whose answer is not a problem (a proxy’s page) fails as that answer', async () => {
    net.answers.push(() => new Response('<html>bad gateway</html>', { status: 502 }));
    const err = await mutations.replaceApplication('acme', 'whatsapp', '1', 'a', 'b').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(new mutations.ReplaceError(err, true).name).toBe('ReplaceError');
  });

  it('a replace that landed sets the account from the answer', async () => {
    const qc = client();
    await options(mutations.useReplaceApplication('acme', 'whatsapp', '447700900001')).onSuccess(
      account({ applications: ['b'] }) as never,
      undefined as never,
    );
    expect(qc.getQueryData<Account>(detail)?.applications).toEqual(['b']);
  });
});

describe('the words of a failure', () => {
  const err = (status: number, extra: Record<string, unknown> | null = {}) =>
    new ApiError(status, extra && { type: 'about:blank', title: 't', status, instance: 'r', ...extra }, null);

  it('a 400: the highlighted fields, else the server’s detail, else a plain sentence', () => {
    expect(describeError(err(400, { invalidParams: [{ name: 'name', reason: 'r' }] }), 'update')).toBe('Check the highlighted fields.');
    expect(describeError(err(400, { invalidParams: [], detail: 'Too long.' }), 'update')).toBe('Too long.');
    expect(describeError(err(400, null), 'update')).toBe('The request was not valid.');
  });

  it('an unknown status: the server’s detail, else the status', () => {
    expect(describeError(err(418, { detail: 'I am a teapot.' }), 'load')).toBe('I am a teapot.');
    expect(describeError(err(418, null), 'load')).toBe('Something went wrong (418). Try again.');
  });

  it('a 404 and a lost connection, for a read and for a change', () => {
    expect(describeError(err(404), 'load')).toBe('Vonage has no such account in this workspace.');
    expect(describeError(err(404), 'link')).toBe('Vonage no longer has this account or application. The page shows what is there now.');
    expect(describeError(new TypeError('fetch failed'), 'load')).toBe(
      'The console’s server could not be reached. Check your connection and try again.',
    );
    expect(describeError(new TypeError('fetch failed'), 'delete')).toBe(
      'The console’s server could not be reached, so it is not known whether the change was made. Check your connection, then reload the page to see what Vonage has.',
    );
  });

  it('a 429 for a change says nothing was changed, unless a replace says itself what it left', () => {
    expect(describeError(err(429), 'link')).toBe('Too many requests. Try again in a moment. Nothing was changed.');
    expect(describeError(err(429, { restored: true }), 'replace')).toBe('Too many requests. Try again in a moment.');
  });

  it('field errors only from a problem that has them', () => {
    expect(fieldErrors(err(400, { invalidParams: [{ name: 'name', reason: 'Too long' }] }))).toEqual({ name: 'Too long' });
    expect(fieldErrors(err(400, null))).toEqual({});
    expect(fieldErrors(err(400))).toEqual({});
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});
