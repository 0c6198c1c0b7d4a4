import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import type { User, Workspace } from '@/lib/config/load';
import { intParam } from '@/lib/schemas/query';

/*
 * A page's server prefetch goes through the BFF's checks (pipeline.ts): session, rate limit, workspace
 * (a refused one recorded), role, zod; only then the read. The session, the request's headers, the config and
 * the activity store are the edges replaced here.
 */
const state = vi.hoisted(() => ({ user: null as User | null, headers: new Headers() }));
const events = vi.hoisted(() => [] as Record<string, unknown>[]);
vi.mock('next/headers', () => ({ headers: async () => state.headers }));
vi.mock('@/lib/auth/session', () => ({ currentUser: async () => state.user, sessionUser: async () => state.user }));
vi.mock('@/lib/activity/write', () => ({
  record: async (event: Record<string, unknown>) => {
    events.push(event);
  },
}));
vi.mock('@/lib/config/load', () => {
  const ws = (id: string): Workspace => ({ id, name: id, apiKey: 'k', apiSecret: 's', jwt: null, baseUrl: 'http://127.0.0.1:1' });
  return { getConfig: () => ({ workspaces: new Map([ws('acme'), ws('globex')].map((w) => [w.id, w])), users: new Map() }) };
});

const { isDocumentRequest, prefetched, serverRead } = await import('../prefetch');
const { HttpError } = await import('../problem');

let n = 0;
const as = (role: User['role'], workspace: string | null = null): User => {
  n += 1;
  return { email: `p${n}-${Date.now()}@t.test`, name: `P${n}`, role, workspace, passwordHash: 'x', source: 'config' };
};

const calls: unknown[] = [];
const op = {
  name: 'test.list',
  action: 'read' as const,
  query: z.strictObject({ page: intParam(1, 10, 1) }),
  run: async (ctx: { workspace: Workspace; query: { page: number } }) => {
    calls.push({ ws: ctx.workspace.id, query: ctx.query });
    return { page: ctx.query.page };
  },
};

beforeEach(() => {
  state.user = as('support');
  state.headers = new Headers({ 'sec-fetch-dest': 'document', 'user-agent': 'test' });
  events.length = 0;
  calls.length = 0;
});

describe('isDocumentRequest', () => {
  it('tells a first visit or reload from the router’s fetch of a client-side navigation', () => {
    expect(isDocumentRequest(new Headers({ 'sec-fetch-dest': 'document' }))).toBe(true);
    expect(isDocumentRequest(new Headers({ 'sec-fetch-dest': 'empty', accept: 'text/html' }))).toBe(false);
    expect(isDocumentRequest(new Headers({ accept: 'text/html,application/xhtml+xml' }))).toBe(true);
    expect(isDocumentRequest(new Headers({ accept: '*/*' }))).toBe(false);
  });
});

describe('serverRead', () => {
  it('runs the read with its query parsed by the same schema as the BFF', async () => {
    expect(await serverRead(op, 'acme', { search: new URLSearchParams('page=3') })).toEqual({ page: 3 });
    expect(calls).toEqual([{ ws: 'acme', query: { page: 3 } }]);
  });

  it('refuses without a session, and a query the schema refuses, before the read', async () => {
    await expect(serverRead(op, 'acme', { search: new URLSearchParams('page=11') })).rejects.toMatchObject({ status: 400 });
    state.user = null;
    await expect(serverRead(op, 'acme')).rejects.toMatchObject({ status: 401 });
    expect(calls).toEqual([]);
  });

  it('answers a workspace the user may not see as not found, records it as the BFF does, and reads nothing', async () => {
    state.user = as('customer', 'acme');
    const e = await serverRead(op, 'globex').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(HttpError);
    expect((e as InstanceType<typeof HttpError>).status).toBe(404);
    expect(calls).toEqual([]);
    expect(events).toMatchObject([
      { action: 'workspace.read', outcome: 'denied', status: 404, workspace: null, after: { workspace: 'globex' } },
    ]);
  });
});

describe('prefetched', () => {
  it('hands a document request the read under its key, and leaves a failed read out for the browser to fetch', async () => {
    const got = await prefetched((qc) =>
      Promise.all([
        qc.prefetchQuery({ queryKey: ['ok'], queryFn: () => serverRead(op, 'acme') }),
        qc.prefetchQuery({ queryKey: ['refused'], queryFn: () => serverRead(op, 'nowhere') }),
      ]),
    );
    expect(got?.queries.map((q) => [q.queryKey, q.state.data])).toEqual([[['ok'], { page: 1 }]]);
  });

  it('does nothing for a client-side navigation: the view keeps its skeleton and fetches', async () => {
    state.headers = new Headers({ 'sec-fetch-dest': 'empty' });
    const fill = vi.fn(async () => undefined);
    expect(await prefetched(fill)).toBeNull();
    expect(fill).not.toHaveBeenCalled();
  });
});
