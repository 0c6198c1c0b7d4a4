import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import type { User, Workspace } from '@/lib/config/load';
import { setLogLevel } from '@/lib/log';
import { accountPathSchema } from '@/lib/schemas/paths';
import { intParam } from '@/lib/schemas/query';
import { UpstreamError } from '@/lib/vonage/errors';

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
const { toHttpError } = await import('../handler');
const { takeToken } = await import('../rate-limit');

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
afterEach(() => {
  vi.restoreAllMocks();
  setLogLevel(null);
});

/** The `prefetch` lines logged while `run` runs, each with the stream it went to; the clock moves only when told. */
async function prefetchLines(run: (tick: (ms: number) => void) => Promise<unknown>) {
  const lines: { stream: 'out' | 'err'; line: Record<string, unknown> }[] = [];
  const into = (stream: 'out' | 'err') => (s: string | Uint8Array) => (lines.push({ stream, line: JSON.parse(String(s)) }), true);
  let now = 1_700_000_000_000;
  vi.spyOn(Date, 'now').mockImplementation(() => now);
  vi.spyOn(process.stdout, 'write').mockImplementation(into('out'));
  vi.spyOn(process.stderr, 'write').mockImplementation(into('err'));
  setLogLevel('info');
  try {
    await run((ms) => (now += ms)).catch(() => undefined);
  } finally {
    setLogLevel(null);
    vi.restoreAllMocks();
  }
  return lines.filter((l) => l.line.msg === 'prefetch');
}

describe('isDocumentRequest', () => {
  it('tells a first visit or reload from the router’s fetch of a client-side navigation', () => {
    expect(isDocumentRequest(new Headers({ 'sec-fetch-dest': 'document' }))).toBe(true);
    expect(isDocumentRequest(new Headers({ 'sec-fetch-dest': 'empty', accept: 'text/html' }))).toBe(false);
    expect(isDocumentRequest(new Headers({ accept: 'text/html,application/xhtml+xml' }))).toBe(true);
    expect(isDocumentRequest(new Headers({ accept: '*/*' }))).toBe(false);
  });

  it('takes a request that says nothing of what it wants for a client-side navigation', () => {
    expect(isDocumentRequest(new Headers())).toBe(false);
    expect(isDocumentRequest(new Headers({ 'user-agent': 'curl/8' }))).toBe(false);
  });

  it('believes sec-fetch-dest over Accept, whichever it says', () => {
    expect(isDocumentRequest(new Headers({ 'sec-fetch-dest': 'document', accept: 'application/json' }))).toBe(true);
    expect(isDocumentRequest(new Headers({ 'sec-fetch-dest': 'iframe', accept: 'text/html' }))).toBe(false);
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

describe('serverRead: what it hands the read and the log', () => {
  const detail = {
    name: 'test.detail',
    action: 'read' as const,
    params: accountPathSchema,
    run: async (ctx: { workspace: Workspace; params: z.output<typeof accountPathSchema> }) => {
      calls.push(ctx.params);
      return { id: ctx.params.externalId };
    },
  };

  it('hands the read its path parameters with the workspace, parsed', async () => {
    expect(await serverRead(detail, 'acme', { raw: { provider: 'whatsapp', externalId: '447700900001' } })).toEqual({ id: '447700900001' });
    expect(calls).toEqual([{ ws: 'acme', provider: 'whatsapp', externalId: '447700900001' }]);
  });

  it('refuses a bad path parameter with 400 before the read', async () => {
    const e = await serverRead(detail, 'acme', { raw: { provider: 'whatsapp', externalId: '12' } }).catch((err: unknown) => err);
    expect(e).toMatchObject({ status: 400, title: 'Invalid path' });
    expect(calls).toEqual([]);
  });

  it('records a refused workspace with the target its path names and the browser it came from', async () => {
    state.user = as('customer-viewer', 'acme');
    state.headers = new Headers({ 'sec-fetch-dest': 'document', 'user-agent': 'Firefox/140' });
    await expect(serverRead(detail, 'globex', { raw: { provider: 'whatsapp', externalId: '447700900001' } })).rejects.toMatchObject({
      status: 404,
    });
    expect(events).toEqual([
      expect.objectContaining({
        action: 'workspace.read',
        target: { kind: 'account', id: '447700900001', provider: 'whatsapp' },
        actor: expect.objectContaining({ email: state.user.email, role: 'customer-viewer' }),
        before: null,
        userAgent: 'Firefox/140',
      }),
    ]);
  });

  it('names a long unknown workspace in the activity log capped at 40 characters', async () => {
    const long = 'w'.repeat(100);
    await expect(serverRead(op, long)).rejects.toMatchObject({ status: 404 });
    expect(events).toMatchObject([{ workspace: null, after: { workspace: 'w'.repeat(40) } }]);
  });

  it('refuses a read with 429 once the person’s bucket is empty, in the words of a read, and reads nothing', async () => {
    while (takeToken(state.user!.email) === 0);
    const e = await serverRead(op, 'acme').catch((err: unknown) => err);
    expect(e).toMatchObject({ status: 429, title: 'Too many requests' });
    expect((e as InstanceType<typeof HttpError>).detail).not.toMatch(/Nothing was changed/);
    expect(calls).toEqual([]);
  });

  it('runs the read as a GET: an upstream failure inside it is worded as a failed read', async () => {
    const words = await serverRead(
      { ...op, run: async () => toHttpError(new UpstreamError('server_error', 'x', { status: 500 })).detail },
      'acme',
    );
    expect(words).toBe('Vonage is failing right now. Try again in a minute.');
  });

  it('logs one info line per read: its name, status, how long it took, the request id, user and workspace', async () => {
    const lines = await prefetchLines((tick) => serverRead({ ...op, run: async () => (tick(250), { page: 1 }) }, 'acme'));
    expect(lines).toEqual([
      {
        stream: 'out',
        line: expect.objectContaining({ level: 'info', read: 'test.list', status: 200, ms: 250, user: state.user!.email, ws: 'acme' }),
      },
    ]);
    expect(lines[0]!.line.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs a refused workspace at info with its 404, under the request id the activity log records', async () => {
    state.user = as('customer', 'acme');
    const lines = await prefetchLines(() => serverRead(op, 'globex'));
    expect(lines).toEqual([{ stream: 'out', line: expect.objectContaining({ level: 'info', read: 'test.list', status: 404, ms: 0 }) }]);
    expect(events).toHaveLength(1);
    expect(lines[0]!.line.requestId).toBe(events[0]!.requestId);
  });

  it.each([
    ['an unknown failure', () => new Error('boom'), 500],
    ['Vonage failing', () => new UpstreamError('server_error', 'x', { status: 500 }), 502],
    ['Vonage not answering', () => new UpstreamError('timeout', 'x'), 504],
  ])('logs a read that fails with %s as a warning with its status', async (_name, failure, status) => {
    const lines = await prefetchLines(async () =>
      serverRead(
        {
          ...op,
          run: async () => {
            throw failure();
          },
        },
        'acme',
      ),
    );
    expect(lines).toEqual([{ stream: 'err', line: expect.objectContaining({ level: 'warn', read: 'test.list', status }) }]);
  });

  it('passes on what the read throws, as it was thrown', async () => {
    const failure = new UpstreamError('not_found', 'gone');
    await expect(
      serverRead(
        {
          ...op,
          run: async () => {
            throw failure;
          },
        },
        'acme',
      ),
    ).rejects.toBe(failure);
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

  it('runs a read asked for twice under one key once: the state stays fresh for the render', async () => {
    const got = await prefetched(async (qc) => {
      await qc.prefetchQuery({ queryKey: ['ok'], queryFn: () => serverRead(op, 'acme') });
      await qc.prefetchQuery({ queryKey: ['ok'], queryFn: () => serverRead(op, 'acme', { search: new URLSearchParams('page=2') }) });
    });
    expect(calls).toHaveLength(1);
    expect(got?.queries.map((q) => q.state.data)).toEqual([{ page: 1 }]);
  });

  it('tries a failed read once, and leaves it out', async () => {
    let tries = 0;
    const got = await prefetched((qc) =>
      qc.prefetchQuery({
        queryKey: ['failing'],
        queryFn: () => {
          tries += 1;
          return Promise.reject(new Error('down'));
        },
      }),
    );
    expect(tries).toBe(1);
    expect(got?.queries).toEqual([]);
  });

  it('prefetches for a browser that asks for HTML without sec-fetch-dest', async () => {
    state.headers = new Headers({ accept: 'text/html' });
    const got = await prefetched((qc) => qc.prefetchQuery({ queryKey: ['ok'], queryFn: () => serverRead(op, 'acme') }));
    expect(got?.queries.map((q) => q.queryKey)).toEqual([['ok']]);
  });
});
