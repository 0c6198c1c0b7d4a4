import { type QueryClient } from '@tanstack/react-query';
import type * as ReactQuery from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { json, stale, stubFetch, testClient } from './fetch-stub';
import type { Account } from '@/lib/schemas/account';

/*
 * The hooks without React: useQueryClient hands over this test's client and useMutation hands back its options,
 * so that each mutation's request and what it leaves in the cache are checked as a page would meet them.
 */
const state = vi.hoisted(() => ({ qc: null as unknown }));
vi.mock('@tanstack/react-query', async (original) => ({
  ...(await original<typeof ReactQuery>()),
  useQueryClient: () => state.qc,
  useMutation: (options: unknown) => options,
}));

const { ApiError, apiFetch } = await import('../api');
const { accountDetailQuery, accountKeys, accountListQuery, accountPath, accountsPath } = await import('../accounts');
const mutations = await import('../account-mutations');
const { useCreateMessenger } = await import('../create-messenger');
const { applicationKeys, applicationsQuery } = await import('../applications');
const { accountHistoryQuery, activityExportHref, activityKeys, activityPath, activityQuery, filtersQuery } = await import('../activity');
const { makeQueryClient, shouldRetry } = await import('../client');
const { settle } = await import('../settle');
const { describeError } = await import('../describe-error');

type Options = {
  mutationFn: (arg: never) => Promise<unknown>;
  onSuccess: (data: never, variables: never) => Promise<unknown> | void;
  onError?: (err: unknown) => void;
};
const options = (o: unknown) => o as Options;

const account = (over: Partial<Account> = {}): Account => ({
  provider: 'whatsapp',
  externalId: '447700900001',
  name: 'A',
  applications: ['app-1', 'app-2'],
  apiKey: 'k',
  accessTokenHint: null,
  ...over,
});
const problem = (status: number, type = 'about:blank', extra: Record<string, unknown> = {}) =>
  json(status, { type, title: 't', status, instance: 'r', ...extra });

const net = stubFetch();

/** A client whose queries are all fresh, with a list page of two tabs and another workspace's page. */
const client = () => testClient((qc) => (state.qc = qc));
function seed(qc: QueryClient) {
  const keys = {
    detail: accountKeys.detail('acme', 'whatsapp', '447700900001'),
    page1: accountKeys.list('acme', { page: 1, pageSize: 20 }),
    page3: accountKeys.list('acme', { provider: 'rcs', page: 3, pageSize: 50 }),
    other: accountKeys.list('globex', { page: 1, pageSize: 20 }),
    activity: activityKeys.list('acme', 'workspace', {}),
  };
  qc.setQueryData(keys.detail, account());
  for (const k of [keys.page1, keys.page3, keys.other, keys.activity]) qc.setQueryData(k, { items: [] });
  return keys;
}

describe('keys and paths', () => {
  it('keys start with the workspace and run from general to specific', () => {
    expect(accountKeys.list('acme', { page: 2, pageSize: 20 })).toEqual(['ws', 'acme', 'accounts', 'list', { page: 2, pageSize: 20 }]);
    expect(accountKeys.detail('acme', 'rcs', 'a')).toEqual(['ws', 'acme', 'accounts', 'detail', 'rcs', 'a']);
    expect(applicationKeys.all('acme')).toEqual(['ws', 'acme', 'applications']);
    expect(activityKeys.list('acme', 'all', { outcome: 'ok' })).toEqual(['ws', 'acme', 'activity', 'all', { outcome: 'ok' }]);
    expect(activityKeys.history('acme', '1')).toEqual(['ws', 'acme', 'activity', 'history', '1']);
  });

  it('paths encode what they are given', () => {
    expect(accountsPath('a b')).toBe('/api/workspaces/a%20b/accounts');
    expect(accountPath('acme', 'rcs', 'x/y?')).toBe('/api/workspaces/acme/accounts/rcs/x%2Fy%3F');
    expect(activityPath('a b', 'workspace')).toBe('/api/workspaces/a%20b/activity');
    expect(activityPath('acme', 'all')).toBe('/api/activity');
  });

  it('filters keep only what is set', () => {
    expect(filtersQuery({ actor: 'a@b', action: '', outcome: 'failed', from: undefined }).toString()).toBe('actor=a%40b&outcome=failed');
    expect(activityExportHref('acme', { target: '1' }, 'jsonl')).toBe('/api/workspaces/acme/activity/export?target=1&format=jsonl');
  });
});

describe('queries', () => {
  it('a list page asks for its page, size and tab', async () => {
    net.answers = [() => json(200, { items: [] }), () => json(200, { items: [] })];
    const signal = new AbortController().signal;
    const all = accountListQuery('acme', { page: 2, pageSize: 50 });
    await all.queryFn!({ signal } as never);
    await accountListQuery('acme', { provider: 'rcs', page: 1, pageSize: 10 }).queryFn!({ signal } as never);
    expect(net.calls.map((c) => c.url)).toEqual([
      '/api/workspaces/acme/accounts?page=2&pageSize=50',
      '/api/workspaces/acme/accounts?page=1&pageSize=10&provider=rcs',
    ]);
    expect(net.calls[0]!.signal).toBe(signal);
    expect(all.queryKey).toEqual(accountKeys.list('acme', { page: 2, pageSize: 50 }));
  });

  it('an account is one request for every provider', async () => {
    net.answers = [() => json(200, account({ provider: 'rcs', externalId: 'agent' }))];
    const q = accountDetailQuery('acme', 'rcs', 'agent');
    expect(await q.queryFn!({ signal: undefined } as never)).toMatchObject({ externalId: 'agent' });
    expect(net.calls[0]!.url).toBe('/api/workspaces/acme/accounts/rcs/agent');
    expect(q.queryKey).toEqual(accountKeys.detail('acme', 'rcs', 'agent'));
  });

  it('applications: every one in one request, kept a minute', async () => {
    net.answers = [() => json(200, { items: [{ id: 'a' }], page: 1, pageSize: 2000, totalItems: 1, totalPages: 1 })];
    const q = applicationsQuery('acme');
    expect(await q.queryFn!({ signal: undefined } as never)).toEqual([{ id: 'a' }]);
    expect(net.calls[0]!.url).toBe('/api/workspaces/acme/applications?all=true');
    expect(q.staleTime).toBe(60_000);
    expect(q.queryKey).toEqual(applicationKeys.all('acme'));
  });

  it('activity: newest first with a cursor for older pages, read again on every visit', async () => {
    net.answers = [
      () => json(200, { items: [], nextCursor: '41' }),
      () => json(200, { items: [], nextCursor: null }),
      () => json(200, { items: [], nextCursor: null }),
    ];
    const q = activityQuery('acme', 'workspace', { outcome: 'denied' });
    const first = await q.queryFn!({ pageParam: null, signal: undefined } as never);
    expect(q.getNextPageParam(first, [first], null, [null])).toBe('41');
    await q.queryFn!({ pageParam: '41', signal: undefined } as never);
    const history = accountHistoryQuery('acme', '447700900001');
    await history.queryFn!({ signal: undefined } as never);
    expect(net.calls.map((c) => c.url)).toEqual([
      '/api/workspaces/acme/activity?outcome=denied',
      '/api/workspaces/acme/activity?outcome=denied&cursor=41',
      '/api/workspaces/acme/activity?target=447700900001',
    ]);
    expect([q.staleTime, history.staleTime]).toEqual([0, 0]);
    expect([q.meta, history.meta]).toEqual([{ upstream: false }, { upstream: false }]);
    expect(history.queryKey).toEqual(activityKeys.history('acme', '447700900001'));
  });

  it('a 4xx is never retried; anything else once', () => {
    expect(shouldRetry(0, new ApiError(404, null, null))).toBe(false);
    expect(shouldRetry(0, new ApiError(499, null, null))).toBe(false);
    expect(shouldRetry(0, new ApiError(500, null, null))).toBe(true);
    expect(shouldRetry(1, new ApiError(502, null, null))).toBe(false);
    expect(shouldRetry(0, new TypeError('fetch failed'))).toBe(true);
    expect(shouldRetry(1, new TypeError('fetch failed'))).toBe(false);
    const defaults = makeQueryClient().getDefaultOptions();
    expect(defaults.queries).toMatchObject({ staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: false });
    expect(defaults.mutations).toMatchObject({ retry: false });
  });
});

describe('settle', () => {
  it('sets the account from the answer, and refreshes every list page and the activity of that workspace only', async () => {
    const qc = client();
    const k = seed(qc);
    await settle(qc, 'acme', 'whatsapp', '447700900001', account({ name: 'New' }));
    expect(qc.getQueryData<Account>(k.detail)?.name).toBe('New');
    expect(stale(qc, k.detail)).toBe(false);
    expect([stale(qc, k.page1), stale(qc, k.page3), stale(qc, k.activity), stale(qc, k.other)]).toEqual([true, true, true, false]);
  });

  it('forgets a deleted account, and marks the account stale when the answer has none', async () => {
    const qc = client();
    const k = seed(qc);
    await settle(qc, 'acme', 'whatsapp', '447700900001', null);
    expect(qc.getQueryState(k.detail)).toBeUndefined();
    seed(qc);
    await settle(qc, 'acme', 'whatsapp', '447700900001');
    expect(qc.getQueryData(k.detail)).toBeTruthy();
    expect(stale(qc, k.detail)).toBe(true);
  });
});

describe('mutations', () => {
  it('update: PATCH with the body, then the answer in the cache', async () => {
    const qc = client();
    const k = seed(qc);
    const m = options(mutations.useUpdateMessenger('acme', '123'));
    net.answers = [() => json(200, account({ provider: 'messenger', externalId: '123', name: 'N' }))];
    const saved = await m.mutationFn({ name: 'N' } as never);
    expect(net.calls[0]).toMatchObject({ url: '/api/workspaces/acme/accounts/messenger/123', method: 'PATCH', body: { name: 'N' } });
    await m.onSuccess(saved as never, undefined as never);
    expect(qc.getQueryData<Account>(accountKeys.detail('acme', 'messenger', '123'))?.name).toBe('N');
    expect(stale(qc, k.page1)).toBe(true);
  });

  it('delete: DELETE, then the account is gone from the cache', async () => {
    const qc = client();
    qc.setQueryData(accountKeys.detail('acme', 'messenger', '123'), account());
    const m = options(mutations.useDeleteMessenger('acme', '123'));
    net.answers = [() => new Response(null, { status: 204 })];
    expect(await m.mutationFn(undefined as never)).toBeUndefined();
    expect(net.calls[0]).toMatchObject({ url: '/api/workspaces/acme/accounts/messenger/123', method: 'DELETE' });
    await m.onSuccess(undefined as never, undefined as never);
    expect(qc.getQueryState(accountKeys.detail('acme', 'messenger', '123'))).toBeUndefined();
  });

  it('link: POST the application id', async () => {
    const qc = client();
    const m = options(mutations.useLinkApplication('acme', 'rcs', 'agent'));
    net.answers = [() => json(200, account({ provider: 'rcs', externalId: 'agent', applications: ['x'] }))];
    const linked = await m.mutationFn('x' as never);
    expect(net.calls[0]).toMatchObject({
      url: '/api/workspaces/acme/accounts/rcs/agent/applications',
      method: 'POST',
      body: { applicationId: 'x' },
    });
    await m.onSuccess(linked as never, 'x' as never);
    expect(qc.getQueryData<Account>(accountKeys.detail('acme', 'rcs', 'agent'))?.applications).toEqual(['x']);
  });

  it('unlink: DELETE the link, and the application leaves the cached account at once', async () => {
    const qc = client();
    const k = seed(qc);
    const m = options(mutations.useUnlinkApplication('acme', 'whatsapp', '447700900001'));
    net.answers = [() => new Response(null, { status: 204 })];
    await m.mutationFn('app 1' as never);
    expect(net.calls[0]).toMatchObject({
      url: '/api/workspaces/acme/accounts/whatsapp/447700900001/applications/app%201',
      method: 'DELETE',
    });
    await m.onSuccess(undefined as never, 'app-1' as never);
    expect(qc.getQueryData<Account>(k.detail)?.applications).toEqual(['app-2']);
    expect(stale(qc, k.detail)).toBe(true);
  });

  it('unlink with no account in the cache leaves none', async () => {
    const qc = client();
    const m = options(mutations.useUnlinkApplication('acme', 'whatsapp', '1'));
    await m.onSuccess(undefined as never, 'app-1' as never);
    expect(qc.getQueryData(accountKeys.detail('acme', 'whatsapp', '1'))).toBeUndefined();
  });

  it('create: POST to the Messenger list, then the new account in the cache', async () => {
    const qc = client();
    const k = seed(qc);
    const m = options(useCreateMessenger('acme'));
    net.answers = [() => json(201, account({ provider: 'messenger', externalId: '555' }))];
    const made = await m.mutationFn({ externalId: '555', accessToken: 't' } as never);
    expect(net.calls[0]).toMatchObject({
      url: '/api/workspaces/acme/accounts/messenger',
      method: 'POST',
      body: { externalId: '555', accessToken: 't' },
    });
    await m.onSuccess(made as never, undefined as never);
    expect(qc.getQueryData(accountKeys.detail('acme', 'messenger', '555'))).toMatchObject({ externalId: '555' });
    expect(stale(qc, k.page3)).toBe(true);
  });

  it('replace: one PUT; a failure says whether the old application is linked again', async () => {
    net.answers = [
      () => json(200, account({ applications: ['new'] })),
      () => problem(502, '/problems/upstream-failed', { restored: true }),
      () => problem(502, '/problems/upstream-failed', { restored: false }),
      () => problem(409, '/problems/link-changed'),
    ];
    expect(await mutations.replaceApplication('acme', 'whatsapp', '1', 'old', 'new')).toMatchObject({ applications: ['new'] });
    expect(net.calls[0]).toMatchObject({
      method: 'PUT',
      url: '/api/workspaces/acme/accounts/whatsapp/1/applications',
      body: { applicationId: 'new', expectedCurrent: 'old' },
    });
    const restored = await mutations.replaceApplication('acme', 'whatsapp', '1', 'old', 'new').catch((e: unknown) => e);
    expect(restored).toBeInstanceOf(mutations.ReplaceError);
    expect(restored).toMatchObject({ restored: true, message: 'The new application was not linked; the old one is linked again.' });
    expect((restored as InstanceType<typeof mutations.ReplaceError>).cause).toBeInstanceOf(ApiError);
    const lost = await mutations.replaceApplication('acme', 'whatsapp', '1', 'old', 'new').catch((e: unknown) => e);
    expect(lost).toMatchObject({ restored: false, message: 'The account is left with no application.' });
    const conflict = await mutations.replaceApplication('acme', 'whatsapp', '1', 'old', 'new').catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ApiError);
    const m = options(mutations.useReplaceApplication('acme', 'whatsapp', '1'));
    net.answers = [() => json(200, account({ applications: ['b'] }))];
    await m.mutationFn({ from: 'a', to: 'b' } as never);
    expect(net.calls.at(-1)).toMatchObject({ body: { applicationId: 'b', expectedCurrent: 'a' } });
  });

  it('a refused change reads the account again once; it does not keep reading', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const qc = client();
    const k = seed(qc);
    options(mutations.useLinkApplication('acme', 'whatsapp', '447700900001')).onError!(new ApiError(409, null, null));
    expect(stale(qc, k.detail)).toBe(true);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(net.calls).toEqual([]);
  });

  it.each([
    ['unconfirmed (504)', () => new ApiError(504, { type: '/problems/unconfirmed', title: 't', status: 504, instance: 'r' }, null)],
    ['the console’s server lost', () => new TypeError('fetch failed')],
  ])('after an %s change, the account is read again until two reads agree', async (_name, error) => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const qc = client();
    const detail = accountKeys.detail('acme', 'whatsapp', '447700900001');
    // The account as the page has it: with its query function, so that it can be read again.
    qc.getQueryCache().build(qc, accountDetailQuery('acme', 'whatsapp', '447700900001') as never);
    const k = seed(qc);
    const linked = account({ applications: ['app-1', 'app-2', 'new'] });
    net.answers = [() => json(200, linked), () => json(200, linked), () => json(200, linked)];
    options(mutations.useLinkApplication('acme', 'whatsapp', '447700900001')).onError!(error());
    await vi.advanceTimersByTimeAsync(999);
    expect(net.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(net.calls).toHaveLength(1));
    expect(qc.getQueryData(detail)).toEqual(linked);
    await vi.advanceTimersByTimeAsync(1500);
    await vi.waitFor(() => expect(net.calls).toHaveLength(2));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(net.calls).toHaveLength(2);
    await vi.waitFor(() => expect(stale(qc, k.page3)).toBe(true));
  });

  it('a replace that failed and restored reads the account again once, as any refused change', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const qc = client();
    const k = seed(qc);
    const err = new mutations.ReplaceError(
      new ApiError(502, { type: '/problems/upstream-failed', title: 't', status: 502, instance: 'r', restored: true }, null),
      true,
    );
    options(mutations.useReplaceApplication('acme', 'whatsapp', '447700900001')).onError!(err);
    expect(stale(qc, k.detail)).toBe(true);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(net.calls).toEqual([]);
  });
});

describe('words for a 429 or 503 without Retry-After', () => {
  it.each([
    [429, {}, 'Too many requests. Try again in a moment.'],
    [429, { 'retry-after': '0' }, 'Too many requests. Try again in a moment.'],
    [429, { 'retry-after': 'soon' }, 'Too many requests. Try again in a moment.'],
    [429, { 'retry-after': '1' }, 'Too many requests. Try again in 1 second.'],
    [503, {}, 'Vonage has been failing, so the console pauses calls to it for a short while. Try again in a moment.'],
  ])('%i with %j reads "%s"', async (status, headers, words) => {
    net.answers = [() => new Response('gateway', { status, headers })];
    const err = await apiFetch('/api/x').catch((e: unknown) => e);
    expect(describeError(err, 'load')).toBe(words);
    expect(describeError(err, 'load')).not.toMatch(/ 0 seconds/);
  });
});
