import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import type { User, Workspace } from '@/lib/config/load';
import { setLogLevel } from '@/lib/log';
import { UpstreamError } from '@/lib/vonage/errors';

/* What an operator reads (log lines, problem types and titles) and the edges of the pipeline's checks. */
const session = vi.hoisted(() => ({ user: null as User | null }));
const events = vi.hoisted(() => [] as Record<string, unknown>[]);
vi.mock('@/lib/auth/session', () => ({ sessionUser: async () => session.user }));
vi.mock('@/lib/activity/write', () => ({
  record: async (event: Record<string, unknown>) => {
    events.push(event);
  },
}));
vi.mock('@/lib/config/load', () => {
  const ws: Workspace = { id: 'acme', name: 'Acme', apiKey: 'k', apiSecret: 's', jwt: null, baseUrl: 'http://127.0.0.1:1' };
  return { getConfig: () => ({ workspaces: new Map([['acme', ws]]), users: new Map() }) };
});

const { json, route } = await import('../handler');
const { badRequest, HttpError, invalidParams, problemResponse } = await import('../problem');
const { fromUpstream } = await import('../upstream-errors');
const { changeKey, oneChangeAtATime } = await import('../change-locks');
const { requestContext } = await import('@/lib/log');

let n = 0;
const support = (): User => ({
  email: `p${(n += 1)}@t.test`,
  name: 'P',
  role: 'support',
  workspace: null,
  passwordHash: 'x',
  source: 'config',
});
const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) });
const req = (method: string, path = '/api/x', init: { headers?: Record<string, string>; body?: BodyInit } = {}) =>
  new NextRequest(`http://console.test${path}`, {
    method,
    headers: { ...(method !== 'GET' ? { 'x-csrf': '1', 'content-type': 'application/json' } : {}), ...init.headers },
    body: init.body,
    ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as ConstructorParameters<typeof NextRequest>[1]);

/** The log lines written while `fn` runs, parsed. */
async function logged(fn: () => Promise<unknown>) {
  const lines: Record<string, unknown>[] = [];
  const take = (chunk: unknown) => {
    for (const l of String(chunk).split('\n')) if (l.startsWith('{')) lines.push(JSON.parse(l) as Record<string, unknown>);
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(take);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(take);
  setLogLevel('info');
  try {
    await fn();
  } finally {
    setLogLevel(null);
    out.mockRestore();
    err.mockRestore();
  }
  return lines;
}

beforeEach(() => {
  session.user = support();
  events.length = 0;
});
afterEach(() => vi.restoreAllMocks());

describe('problem responses', () => {
  it.each([
    [400, 'invalid-request'],
    [401, 'unauthenticated'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [405, 'method-not-allowed'],
    [409, 'conflict'],
    [413, 'body-too-large'],
    [415, 'unsupported-media-type'],
    [422, 'unprocessable'],
    [429, 'rate-limited'],
    [500, 'internal'],
    [502, 'upstream-failed'],
    [503, 'unavailable'],
    [504, 'upstream-timeout'],
    [418, 'error'],
  ])('%i is /problems/%s', async (status, type) => {
    const res = problemResponse(new HttpError(status, 'T'), 'rid');
    expect(await res.json()).toEqual({ type: `/problems/${type}`, title: 'T', status, instance: 'rid' });
    expect(res.headers.get('x-request-id')).toBe('rid');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('an HttpError names itself', () => {
    expect(new HttpError(400, 'T').name).toBe('HttpError');
  });

  it('names unknown fields, and at most 20 issues', () => {
    const strict = z.strictObject({ a: z.string() });
    expect(invalidParams(strict.safeParse({ a: 'x', b: 1 }).error!)).toEqual([{ name: 'b', reason: 'Unknown field: b' }]);
    expect(invalidParams(strict.safeParse({ a: 'x', b: 1, c: 2 }).error!)).toEqual([{ name: 'b,c', reason: 'Unknown fields: b, c' }]);
    expect(invalidParams(z.string().safeParse(1).error!, 'q.')).toEqual([
      { name: 'q.body', reason: expect.stringMatching(/expected string/) },
    ]);
    const many = z.object(Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`f${i}`, z.string()])));
    expect(invalidParams(many.safeParse({}).error!)).toHaveLength(20);
    const bad = badRequest(z.object({ n: z.number() }).safeParse({ n: 'x' }).error!, 'query');
    expect([bad.status, bad.title, bad.detail]).toEqual([400, 'Invalid query', 'Check the query and try again.']);
    expect(bad.extra.invalidParams).toEqual([{ name: 'n', reason: expect.any(String) }]);
  });
});

describe('upstream failures as problems', () => {
  const asProblem = (e: UpstreamError, method = 'POST') =>
    requestContext.run({ requestId: 'r', method }, () => problemResponse(fromUpstream(e), 'r'));

  it('Vonage’s field errors are ours, named; none when it named none', async () => {
    const named = asProblem(
      new UpstreamError('invalid', 'x', { invalidParams: [{ name: 'externalId', reason: 'Vonage rejected this value' }] }),
    );
    expect(await named.json()).toMatchObject({
      status: 400,
      title: 'Vonage rejected the request',
      detail: 'Check the highlighted fields and try again.',
      invalidParams: [{ name: 'externalId', reason: 'Vonage rejected this value' }],
    });
    const unnamed = await asProblem(new UpstreamError('invalid', 'x', { invalidParams: [] })).json();
    expect(unnamed).not.toHaveProperty('invalidParams');
    expect(await asProblem(new UpstreamError('invalid', 'x')).json()).not.toHaveProperty('invalidParams');
  });

  it('a change that timed out is 504, one whose answer could not be read 502', () => {
    expect(asProblem(new UpstreamError('unconfirmed', 'x', { timedOut: true })).status).toBe(504);
    expect(asProblem(new UpstreamError('unconfirmed', 'x')).status).toBe(502);
    expect(asProblem(new UpstreamError('timeout', 'x')).status).toBe(504);
  });

  it('a 503 says when to come back (1 s unless told); nothing else carries Retry-After unless Vonage said', () => {
    expect(asProblem(new UpstreamError('overloaded', 'x')).headers.get('retry-after')).toBe('1');
    expect(asProblem(new UpstreamError('circuit_open', 'x', { retryAfterSeconds: 9 })).headers.get('retry-after')).toBe('9');
    expect(asProblem(new UpstreamError('server_error', 'x')).headers.get('retry-after')).toBeNull();
    expect(asProblem(new UpstreamError('rate_limited', 'x', { retryAfterSeconds: 3 })).headers.get('retry-after')).toBe('3');
  });

  it('a failed replace says what it restored; other failures say nothing of it', async () => {
    expect(await asProblem(new UpstreamError('server_error', 'x', { restored: false })).json()).toMatchObject({ restored: false });
    expect(await asProblem(new UpstreamError('server_error', 'x')).json()).not.toHaveProperty('restored');
  });

  it('outside a request the words are those of a read', async () => {
    const res = problemResponse(fromUpstream(new UpstreamError('server_error', 'x')), 'r');
    expect((await res.json()).detail).toBe('Vonage is failing right now. Try again in a minute.');
  });

  it('logs refused credentials as an error and an unconfirmed change as a warning', async () => {
    const lines = await logged(async () => {
      fromUpstream(new UpstreamError('credentials_refused', 'x', { status: 401 }));
      fromUpstream(new UpstreamError('unconfirmed', 'connection lost'));
      fromUpstream(new UpstreamError('not_found', 'x'));
    });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['error', 'upstream refused our credentials'],
      ['warn', 'change unconfirmed'],
    ]);
    expect(lines[0]).toMatchObject({ upstreamStatus: 401 });
    expect(lines[1]).toMatchObject({ reason: 'connection lost' });
  });
});

describe('the pipeline’s edges', () => {
  const body = z.object({ a: z.number() });
  const change = route({ action: 'write', body, activity: 'account.update' }, async (c) => json({ a: c.body.a }));
  const ok = { ws: 'acme', provider: 'whatsapp', externalId: '447700900001' };

  it.each(['PUT', 'PATCH', 'DELETE'])('%s is a change: it needs X-CSRF', async (method) => {
    const res = await change(req(method, '/api/x', { headers: { 'x-csrf': '' }, body: '{"a":1}' }), ctx(ok));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ title: 'Missing anti-forgery header', detail: 'Changes must carry the header X-CSRF: 1.' });
  });

  it('says why a cross-site change is refused', async () => {
    for (const headers of [{ origin: 'http://evil.test' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      expect(await (await change(req('POST', '/api/x', { headers, body: '{"a":1}' }), ctx(ok))).json()).toMatchObject({
        title: 'Cross-site request refused',
        detail: 'Changes are accepted only from this site.',
      });
    }
  });

  it('takes a declared length up to 16 KiB, a body in several chunks, and answers 400 to none', async () => {
    expect((await change(req('POST', '/api/x', { body: '{"a":1}', headers: { 'content-length': '7' } }), ctx(ok))).status).toBe(200);
    const exact = `{"a":1}${' '.repeat(16 * 1024 - 7)}`;
    expect((await change(req('POST', '/api/x', { body: exact, headers: { 'content-length': String(16 * 1024) } }), ctx(ok))).status).toBe(
      200,
    );
    const parts = ['{"a"', ':4', '2}'].map((p) => new TextEncoder().encode(p));
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        const next = parts.shift();
        if (next) c.enqueue(next);
        else c.close();
      },
    });
    expect(await (await change(req('POST', '/api/x', { body: stream }), ctx(ok))).json()).toEqual({ a: 42 });
    const none = await change(req('POST'), ctx(ok));
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({ title: 'Invalid body', detail: 'The body is not valid JSON.' });
  });

  it('names the problem of a body: too large, wrong type, not UTF-8', async () => {
    const big = await change(req('POST', '/api/x', { body: '{}', headers: { 'content-length': String(16 * 1024 + 1) } }), ctx(ok));
    expect(await big.json()).toMatchObject({ status: 413, title: 'Body too large' });
    const type = await change(req('POST', '/api/x', { body: '{}', headers: { 'content-type': 'text/json' } }), ctx(ok));
    expect(await type.json()).toMatchObject({
      status: 415,
      title: 'Unsupported content type',
      detail: 'Send the body as application/json.',
    });
    const bytes = await change(req('POST', '/api/x', { body: new Uint8Array([0xc3]) }), ctx(ok));
    expect(await bytes.json()).toMatchObject({ status: 400, title: 'Invalid body' });
  });

  it('query names: letters first, plain characters only; distinct names are fine', async () => {
    const read = route({ action: 'read', query: z.object({ page: z.optional(z.string()) }) }, async (c) => json(c.query));
    for (const q of ['_page=1', '1a=1', 'a-b=1', `a${'b'.repeat(30)}=1`]) {
      const res = await read(req('GET', `/api/x?${q}`), ctx(ok));
      expect(res.status, q).toBe(400);
      expect(await res.json()).toMatchObject({ title: 'Invalid query', detail: 'Unknown query parameter.' });
    }
    expect((await read(req('GET', `/api/x?a${'b'.repeat(29)}=1`), ctx(ok))).status).toBe(200);
    expect(await (await read(req('GET', '/api/x?page=2&other=1'), ctx(ok))).json()).toEqual({ page: '2' });
    expect(await (await read(req('GET', '/api/x?page=2&page=2'), ctx(ok))).json()).toMatchObject({
      detail: 'Give each query parameter once.',
    });
    const bad = await route({ action: 'read', query: z.object({ page: z.number() }) }, async () => json({}))(
      req('GET', '/api/x?page=x'),
      ctx(ok),
    );
    expect(await bad.json()).toMatchObject({ title: 'Invalid query' });
  });

  it('a route that notes nothing for the log may still call note()', async () => {
    const res = await route({ action: 'read' }, async (c) => {
      c.note({ after: { x: 1 } });
      return json({ ok: true });
    })(req('GET'), ctx(ok));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(events).toEqual([]);
  });

  it('without a session: 401 with its words', async () => {
    session.user = null;
    expect(await (await change(req('POST', '/api/x', { body: '{"a":1}' }), ctx(ok))).json()).toMatchObject({
      title: 'Sign in required',
      detail: 'Your session is missing or has expired. Sign in again.',
    });
  });

  it('a 500 says the request id helps', async () => {
    const res = await route({ action: 'read' }, async () => {
      throw new TypeError('x');
    })(req('GET'), ctx(ok));
    expect(await res.json()).toMatchObject({ detail: 'The console failed. The request id helps support find out why.' });
  });

  it('logs one access line per request (warn for a 5xx) with the person and workspace, and an unhandled error by name', async () => {
    const email = session.user!.email;
    const lines = await logged(async () => {
      await route({ action: 'read' }, async () => json({}))(req('GET', '/api/ok'), ctx(ok));
      await route({ action: 'read' }, async () => {
        throw new TypeError('secret detail');
      })(req('GET', '/api/boom'), ctx(ok));
    });
    const access = lines.filter((l) => l.msg === 'request');
    expect(access).toEqual([
      expect.objectContaining({ level: 'info', method: 'GET', path: '/api/ok', status: 200, user: email, ws: 'acme' }),
      expect.objectContaining({ level: 'warn', method: 'GET', path: '/api/boom', status: 500, user: email, ws: 'acme' }),
    ]);
    for (const l of access) {
      expect(l.ms).toBeGreaterThanOrEqual(0);
      expect(l.ms).toBeLessThan(5_000);
    }
    expect(access[0]!.requestId).toEqual(expect.any(String));
    expect(lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'unhandled', error: 'TypeError' }));
    expect(JSON.stringify(lines)).not.toMatch(/secret detail/);
  });
});

describe('what the activity log records', () => {
  const ua = 'Mozilla/5.0 '.repeat(40);
  it('who, from where, and the outcome by status', async () => {
    const cases: [() => Promise<Response>, string][] = [
      [async () => json({}, 200), 'ok'],
      [async () => json({}, 399), 'ok'],
      [async () => json({}, 400), 'failed'],
      [async () => json({}, 403), 'denied'],
      [async () => json({}, 404), 'denied'],
      [async () => json({}, 504), 'unconfirmed'],
      [async () => json({}, 500), 'failed'],
    ];
    for (const [fn] of cases)
      await route({ action: 'write', activity: 'account.update' }, fn)(
        req('PATCH', '/api/x', { body: '{}', headers: { 'user-agent': ua, 'x-console-client-ip': '203.0.113.9' } }),
        ctx({ ws: 'acme', provider: 'rcs', externalId: 'x'.repeat(300) }),
      );
    expect(events.map((e) => e.outcome)).toEqual(cases.map(([, o]) => o));
    expect(events[0]).toMatchObject({
      actor: { email: session.user!.email, name: 'P', role: 'support', via: 'password' },
      ip: '203.0.113.9',
      userAgent: ua.slice(0, 300),
      target: { kind: 'account', id: 'x'.repeat(200), provider: 'rcs' },
      correlationId: null,
    });
  });

  it('an application’s route names the application; an unknown workspace is named, capped', async () => {
    await route({ action: 'write', activity: 'application.x' }, async () => json({}))(
      req('POST', '/api/x', { body: '{}' }),
      ctx({ ws: 'acme', applicationId: 'app-1' }),
    );
    expect(events[0]).toMatchObject({ target: { kind: 'application', id: 'app-1' }, userAgent: null, ip: null });
    events.length = 0;
    await route({ action: 'read' }, async () => json({}))(req('GET'), ctx({ ws: 'w'.repeat(50) }));
    expect(events[0]).toMatchObject({
      action: 'workspace.read',
      after: { workspace: 'w'.repeat(40) },
      target: { kind: 'account', id: '' },
    });
  });

  it('an unconfirmed change without a restore keeps what the route noted', async () => {
    await route({ action: 'write', activity: 'account.update' }, async () => {
      throw new UpstreamError('unconfirmed', 'x', { timedOut: true });
    })(req('PATCH', '/api/x', { body: '{}' }), ctx({ ws: 'acme', provider: 'rcs', externalId: 'a' }));
    expect(events[0]!.after).toBeNull();
    expect(events[0]).toMatchObject({ status: 504, outcome: 'unconfirmed', upstreamStatus: null });
  });
});

describe('one change at a time', () => {
  it('keys an account by workspace, provider and id; a second change is a 409 of its own type', async () => {
    expect(changeKey('acme', 'rcs', 'a')).toBe('acme|rcs|a');
    let release = () => {};
    const first = oneChangeAtATime(changeKey('acme', 'rcs', 'a'), () => new Promise<void>((r) => (release = r)));
    const err = await oneChangeAtATime(changeKey('acme', 'rcs', 'a'), async () => undefined).catch((e: unknown) => e);
    const res = problemResponse(err as InstanceType<typeof HttpError>, 'r');
    expect(await res.json()).toMatchObject({ status: 409, type: '/problems/change-in-progress', title: 'A change is already in progress' });
    release();
    await first;
  });
});
