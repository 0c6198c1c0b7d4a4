import type * as ReactQuery from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { json, stale, stubFetch, testClient } from './fetch-stub';

/*
 * The People page's and the index's queries without React: useQuery and useMutation hand back their options and
 * useQueryClient this test's client, so each request and what it leaves in the cache are checked as a page meets them.
 */
const state = vi.hoisted(() => ({ qc: null as unknown }));
vi.mock('@tanstack/react-query', async (original) => ({
  ...(await original<typeof ReactQuery>()),
  useQueryClient: () => state.qc,
  useMutation: (options: unknown) => options,
  useQuery: (options: unknown) => options,
}));

const people = await import('../people');
const index = await import('../account-index');
const { indexKeys } = await import('../accounts');

type Options = { mutationFn: (arg?: never) => Promise<unknown>; onSettled: () => Promise<unknown> };
type QueryOptions = { queryKey: readonly unknown[]; staleTime?: number; queryFn: (ctx: { signal: AbortSignal }) => Promise<unknown> };
const options = (o: unknown) => o as Options;
const query = (o: unknown) => o as QueryOptions;

const net = stubFetch();

const client = () => testClient((qc) => (state.qc = qc));

describe('the People page', () => {
  const view = { people: [], invitations: [] };

  it('reads /api/people under its own key, with the query’s signal', async () => {
    const q = query(people.usePeople());
    expect(q.queryKey).toEqual(['people']);
    net.answers.push(() => json(200, view));
    const signal = new AbortController().signal;
    expect(await q.queryFn({ signal })).toEqual(view);
    expect(net.calls).toEqual([expect.objectContaining({ url: '/api/people', method: 'GET', body: undefined, csrf: null, signal })]);
  });

  it('invites, changes a person and ends their sessions at their own paths, each with the anti-forgery header', async () => {
    client();
    const made = { id: 'i1', email: 'a@b.test', role: 'viewer', workspace: null, expiresAt: 'x', link: 'l', mailed: true };
    net.answers.push(
      () => json(201, made),
      () => json(200, {}),
      () => new Response(null, { status: 204 }),
    );
    expect(await options(people.useInvite()).mutationFn({ email: 'a@b.test', role: 'viewer' } as never)).toEqual(made);
    await options(people.useChangePerson()).mutationFn({ email: 'pat+1@b.test', change: { disabled: true } } as never);
    await options(people.useRevokeSessions()).mutationFn('pat/x@b.test' as never);
    expect(net.calls.map(({ url, method, body, csrf }) => ({ url, method, body, csrf }))).toEqual([
      { url: '/api/people/invitations', method: 'POST', body: { email: 'a@b.test', role: 'viewer' }, csrf: '1' },
      { url: '/api/people/pat%2B1%40b.test', method: 'PATCH', body: { disabled: true }, csrf: '1' },
      { url: '/api/people/pat%2Fx%40b.test/sessions', method: 'DELETE', body: undefined, csrf: '1' },
    ]);
  });

  it('after each change, succeeded or not, the list is read again; other queries are left alone', async () => {
    for (const hook of [people.useInvite, people.useChangePerson, people.useRevokeSessions]) {
      const qc = client();
      qc.setQueryData(['people'], view);
      qc.setQueryData(['ws', 'acme', 'index'], {});
      await options(hook()).onSettled();
      expect(stale(qc, ['people'])).toBe(true);
      expect(stale(qc, ['ws', 'acme', 'index'])).toBe(false);
    }
  });

  it('signs out everywhere with one POST', async () => {
    net.answers.push(() => new Response(null, { status: 204 }));
    await people.signOutEverywhere();
    expect(net.calls.map(({ url, method, csrf }) => ({ url, method, csrf }))).toEqual([
      { url: '/api/me/sessions/revoke', method: 'POST', csrf: '1' },
    ]);
  });
});

describe('the index’s views', () => {
  const signal = new AbortController().signal;
  const read = async (q: QueryOptions) => {
    net.answers.push(() => json(200, { ok: true }));
    expect(await q.queryFn({ signal })).toEqual({ ok: true });
    const call = net.calls.at(-1)!;
    expect(call.signal).toBe(signal);
    return call.url;
  };

  it('keys start with the workspace’s index, so that one invalidation reaches every view', () => {
    expect(indexKeys.all('acme')).toEqual(['ws', 'acme', 'index']);
    expect(indexKeys.status('acme')).toEqual(['ws', 'acme', 'index', 'status']);
    expect(indexKeys.overview('acme')).toEqual(['ws', 'acme', 'index', 'overview']);
    expect(indexKeys.applications('acme', 2)).toEqual(['ws', 'acme', 'index', 'applications', 2]);
    expect(indexKeys.application('acme', 'a')).toEqual(['ws', 'acme', 'index', 'application', 'a']);
    expect(indexKeys.search('acme', 'q')).toEqual(['ws', 'acme', 'index', 'search', 'q']);
  });

  it('each under the workspace’s index key, at the workspace’s own path', async () => {
    const ws = 'acme corp';
    const overview = query(index.overviewQuery(ws));
    expect(overview.queryKey).toEqual(indexKeys.overview(ws));
    expect(await read(overview)).toBe('/api/workspaces/acme%20corp/overview');

    const apps = query(index.indexedApplicationsQuery(ws, 3));
    expect(apps.queryKey).toEqual(indexKeys.applications(ws, 3));
    expect(await read(apps)).toBe('/api/workspaces/acme%20corp/applications?source=index&page=3&pageSize=50');
    expect(index.APPLICATIONS_PAGE_SIZE).toBe(50);

    const app = query(index.applicationAccountsQuery(ws, 'a/b'));
    expect(app.queryKey).toEqual(indexKeys.application(ws, 'a/b'));
    expect(await read(app)).toBe('/api/workspaces/acme%20corp/applications/a%2Fb');
  });

  it('a search is kept 15 s under the current workspace, and asks every workspace', async () => {
    const q = query(index.searchQuery('acme', 'a&b c'));
    expect(q.queryKey).toEqual(indexKeys.search('acme', 'a&b c'));
    expect(q.staleTime).toBe(15_000);
    expect(await read(q)).toBe('/api/search?q=a%26b%20c');
  });
});

describe('refresh now', () => {
  const status = (running: boolean, finishedAt: string | null) => ({ running, finishedAt });

  it('starts the re-read, asks every 500 ms until it has ended with a new time, and answers that status', async () => {
    vi.useFakeTimers();
    client();
    net.answers.push(
      () => json(202, status(true, 't1')),
      () => json(200, status(true, 't1')),
      () => json(200, status(false, 't1')),
      () => json(200, status(false, 't2')),
    );
    const done = options(index.useRefreshIndex('acme')).mutationFn();
    await vi.advanceTimersByTimeAsync(0);
    expect(net.calls.map((c) => [c.method, c.url])).toEqual([['POST', '/api/workspaces/acme/index/refresh']]);
    await vi.advanceTimersByTimeAsync(499);
    expect(net.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(net.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await done).toEqual(status(false, 't2'));
    expect(net.calls.map((c) => [c.method, c.url]).slice(1)).toEqual([
      ['GET', '/api/workspaces/acme/index'],
      ['GET', '/api/workspaces/acme/index'],
      ['GET', '/api/workspaces/acme/index'],
    ]);
  });

  it('a first re-read (no earlier time) ends when one is finished', async () => {
    vi.useFakeTimers();
    client();
    net.answers.push(
      () => json(202, status(true, null)),
      () => json(200, status(false, 't1')),
    );
    const done = options(index.useRefreshIndex('acme')).mutationFn();
    await vi.advanceTimersByTimeAsync(500);
    expect(await done).toEqual(status(false, 't1'));
  });

  it('gives up after 240 looks (2 minutes) with words that say it goes on', async () => {
    vi.useFakeTimers();
    client();
    net.answers.push(() => json(202, status(true, 't1')));
    for (let i = 0; i < 240; i += 1) net.answers.push(() => json(200, status(true, 't1')));
    const done = options(index.useRefreshIndex('acme')).mutationFn();
    const outcome = done.then(
      () => 'ended',
      (e: Error) => e.message,
    );
    await vi.advanceTimersByTimeAsync(239 * 500);
    expect(net.calls).toHaveLength(240);
    await vi.advanceTimersByTimeAsync(500);
    expect(await outcome).toBe('The re-read is taking long; it goes on, and the page shows it when it ends.');
    expect(net.calls).toHaveLength(241);
  });

  it('reads every view of that workspace’s index again when it has settled, and nothing else', async () => {
    const qc = client();
    for (const key of [indexKeys.overview('acme'), indexKeys.applications('acme', 1), indexKeys.overview('globex'), ['people']])
      qc.setQueryData(key, {});
    await options(index.useRefreshIndex('acme')).onSettled();
    expect(stale(qc, indexKeys.overview('acme'))).toBe(true);
    expect(stale(qc, indexKeys.applications('acme', 1))).toBe(true);
    expect(stale(qc, indexKeys.overview('globex'))).toBe(false);
    expect(stale(qc, ['people'])).toBe(false);
  });
});
