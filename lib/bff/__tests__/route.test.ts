import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import type { User, Workspace } from '@/lib/config/load';
import { accountPathSchema } from '@/lib/schemas/paths';
import { intParam } from '@/lib/schemas/query';
import { UpstreamError } from '@/lib/vonage/errors';

/*
 * The BFF's one pipeline, without a server: a Request in, a Response out. The session, the config and the
 * activity store are the edges replaced here; CSRF, rate limit, access, parsing and problems are the real ones.
 */
const session = vi.hoisted(() => ({ user: null as User | null, asked: 0 }));
const events = vi.hoisted(() => [] as Record<string, unknown>[]);
vi.mock('@/lib/auth/session', () => ({
  sessionUser: async () => {
    session.asked += 1;
    return session.user;
  },
}));
vi.mock('@/lib/activity/write', () => ({
  record: async (event: Record<string, unknown>) => {
    events.push(event);
  },
}));
vi.mock('@/lib/config/load', () => {
  const ws = (id: string): Workspace => ({ id, name: id, apiKey: 'k', apiSecret: 's', jwt: null, baseUrl: 'http://127.0.0.1:1' });
  return { getConfig: () => ({ workspaces: new Map([ws('acme'), ws('globex')].map((w) => [w.id, w])), users: new Map() }) };
});

const { json, notAllowed, parseQuery, peopleRoute, publicRoute, route, userRoute } = await import('../handler');
const { metrics } = await import('@/lib/metrics/registry');
const { oneChangeAtATime } = await import('../change-locks');
const { takeToken } = await import('../rate-limit');
const { HttpError } = await import('../problem');

let n = 0;
/** A user of their own per test, so that rate-limit buckets are never shared. */
const as = (role: User['role'], workspace: string | null = null): User => {
  n += 1;
  return { email: `u${n}-${Date.now()}@t.test`, name: `U${n}`, role, workspace, passwordHash: 'x', source: 'config' };
};

const ORIGIN = 'http://console.test';
function request(method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}) {
  const mutation = method !== 'GET';
  return new NextRequest(`${ORIGIN}${path}`, {
    method,
    headers: { ...(mutation ? { 'x-csrf': '1', 'content-type': 'application/json' } : {}), ...init.headers },
    body: init.body,
    ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as ConstructorParameters<typeof NextRequest>[1]);
}
const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) });
const path = { ws: 'acme', provider: 'whatsapp', externalId: '447700900001' };

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as {
    type: string;
    title: string;
    status: number;
    detail?: string;
    instance: string;
    invalidParams?: unknown;
  };
  expect(body.status).toBe(res.status);
  expect(body.instance).toBe(res.headers.get('x-request-id'));
  return body;
}

beforeEach(() => {
  session.user = as('support');
  session.asked = 0;
  events.length = 0;
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('route(): a read', () => {
  const read = route({ action: 'read', params: accountPathSchema, query: z.object({ page: intParam(1, 100, 1) }) }, async (c) =>
    json({ ws: c.workspace.id, params: c.params, page: c.query.page, user: c.user.email }),
  );

  it('answers the handler’s JSON with a request id, no-store, and records nothing', async () => {
    const res = await read(request('GET', '/api/x?page=3'), ctx(path));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ ws: 'acme', params: path, page: 3, user: session.user!.email });
    expect(events).toEqual([]);
  });

  it('needs no anti-forgery header for a GET', async () => {
    const res = await read(request('GET', '/api/x', { headers: { origin: 'http://evil.test' } }), ctx(path));
    expect(res.status).toBe(200);
  });

  it('answers 401 without a session', async () => {
    session.user = null;
    const res = await read(request('GET', '/api/x'), ctx(path));
    expect(res.status).toBe(401);
    expect((await problem(res)).type).toBe('/problems/unauthenticated');
  });

  it('answers 429 with Retry-After once the person’s bucket is empty', async () => {
    const user = session.user!;
    while (takeToken(user.email) === 0);
    const res = await read(request('GET', '/api/x'), ctx(path));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = await problem(res);
    expect(body.type).toBe('/problems/rate-limited');
    expect(body.detail).toMatch(/Try again in \d+ seconds?\./);
    expect(body.detail).not.toMatch(/Nothing was changed/);
  });

  it('answers 404 for a workspace a customer may not see, and records the refusal', async () => {
    session.user = as('customer', 'acme');
    const res = await read(request('GET', '/api/x'), ctx({ ...path, ws: 'globex' }));
    expect(res.status).toBe(404);
    expect((await problem(res)).type).toBe('/problems/not-found');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'workspace.read',
      workspace: null,
      outcome: 'denied',
      status: 404,
      after: { workspace: 'globex' },
      target: { kind: 'account', id: '447700900001', provider: 'whatsapp' },
      actor: { email: session.user.email, role: 'customer' },
    });
    expect(events[0]!.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('lets a customer read their own workspace', async () => {
    session.user = as('customer', 'acme');
    expect((await read(request('GET', '/api/x'), ctx(path))).status).toBe(200);
  });

  it('answers 404 for a workspace that does not exist, and for a missing ws', async () => {
    expect((await read(request('GET', '/api/x'), ctx({ ...path, ws: 'nope' }))).status).toBe(404);
    expect((await userless()).status).toBe(404);
    async function userless() {
      return route({ action: 'read' }, async () => json({}))(request('GET', '/api/x'), ctx({}));
    }
  });

  it('names a bad path parameter in invalidParams', async () => {
    const res = await read(request('GET', '/api/x'), ctx({ ...path, externalId: '12' }));
    expect(res.status).toBe(400);
    const body = await problem(res);
    expect(body.title).toBe('Invalid path');
    expect(body.invalidParams).toEqual([{ name: 'externalId', reason: expect.stringMatching(/WhatsApp number/) }]);
  });

  it.each([
    ['__proto__=1', 'Unknown parameter'],
    ['constructor=1', 'Unknown parameter'],
    ['a[b]=1', 'Unknown parameter'],
    ['page=1&page=2', 'Repeated parameter'],
  ])('refuses the query %s', async (query, reason) => {
    const res = await read(request('GET', `/api/x?${query}`), ctx(path));
    expect(res.status).toBe(400);
    expect((await problem(res)).invalidParams).toEqual([{ name: 'query', reason }]);
  });

  it('names a query value out of bounds', async () => {
    const res = await read(request('GET', '/api/x?page=101'), ctx(path));
    expect(res.status).toBe(400);
    expect((await problem(res)).invalidParams).toEqual([{ name: 'page', reason: 'Must be at most 100' }]);
  });

  it('turns an unknown failure into a 500 that leaks nothing', async () => {
    const res = await route({ action: 'read' }, async () => {
      throw new Error('db password is hunter2');
    })(request('GET', '/api/x'), ctx({ ws: 'acme' }));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/hunter2/);
    expect(JSON.parse(text)).toMatchObject({ type: '/problems/internal', title: 'Something went wrong' });
  });

  it('turns an upstream failure into its problem, with the words for a read', async () => {
    const res = await route({ action: 'read' }, async () => {
      throw new UpstreamError('circuit_open', 'open', { retryAfterSeconds: 4 });
    })(request('GET', '/api/x'), ctx({ ws: 'acme' }));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('4');
    const body = await problem(res);
    expect(body.type).toBe('/problems/circuit-open');
    expect(body.detail).toMatch(/Try again in 4 seconds/);
    expect(body.detail).not.toMatch(/Nothing was changed/);
  });
});

describe('route(): a change', () => {
  const body = z.object({ applicationId: z.string().check(z.minLength(1)) });
  let calls = 0;
  const link = route({ action: 'write', params: accountPathSchema, body, activity: 'account.link' }, async (c) => {
    calls += 1;
    c.note({ before: { applications: [] }, after: { applicationId: c.body.applicationId } });
    return json({ linked: c.body.applicationId }, 201);
  });
  const post = (init: Parameters<typeof request>[2] = {}) =>
    link(request('POST', '/api/x', { body: JSON.stringify({ applicationId: 'a1' }), ...init }), ctx(path));
  beforeEach(() => {
    calls = 0;
  });

  it('runs the handler and records the change with what it noted', async () => {
    const res = await post();
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ linked: 'a1' });
    expect(calls).toBe(1);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'account.link',
        workspace: 'acme',
        outcome: 'ok',
        status: 201,
        before: { applications: [] },
        after: { applicationId: 'a1' },
        upstreamStatus: null,
        requestId: res.headers.get('x-request-id'),
        actor: expect.objectContaining({ email: session.user!.email, role: 'support' }),
      }),
    ]);
  });

  it.each([
    ['no X-CSRF', { 'x-csrf': '' }],
    ['X-CSRF other than 1', { 'x-csrf': 'yes' }],
    ['another Origin', { origin: 'http://evil.test' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
    ['a same-site fetch', { 'sec-fetch-site': 'same-site' }],
  ])('refuses %s with 403 before looking at the session', async (_name, headers) => {
    const res = await post({ headers });
    expect(res.status).toBe(403);
    expect((await problem(res)).type).toBe('/problems/forbidden');
    expect(session.asked).toBe(0);
    expect(calls).toBe(0);
  });

  it.each([
    ['its own Origin', { origin: ORIGIN }],
    ['sec-fetch-site same-origin', { 'sec-fetch-site': 'same-origin' }],
    ['sec-fetch-site none', { 'sec-fetch-site': 'none' }],
  ])('accepts %s', async (_name, headers) => {
    expect((await post({ headers })).status).toBe(201);
  });

  it('refuses a viewer with 403 and records the refusal', async () => {
    session.user = as('viewer');
    const res = await post();
    expect(res.status).toBe(403);
    expect(calls).toBe(0);
    expect(events).toEqual([expect.objectContaining({ action: 'account.link', outcome: 'denied', status: 403, workspace: 'acme' })]);
  });

  it('says "Nothing was changed" when rate limited', async () => {
    while (takeToken(session.user!.email) === 0);
    const res = await post();
    expect(res.status).toBe(429);
    expect((await problem(res)).detail).toMatch(/Nothing was changed/);
  });

  it.each([
    ['text/plain', 415, 'Unsupported content type'],
    ['', 415, 'Unsupported content type'],
    ['application/json; charset=utf-8', 201, null],
    ['Application/JSON', 201, null],
  ])('with Content-Type %j answers %i', async (type, status, title) => {
    const res = await post({ headers: { 'content-type': type } });
    expect(res.status).toBe(status);
    if (title) expect((await problem(res)).title).toBe(title);
  });

  it('refuses a body declared larger than 16 KiB without reading it', async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled += 1;
        c.enqueue(new Uint8Array(1024));
      },
    });
    const res = await post({ body: stream, headers: { 'content-length': String(16 * 1024 + 1) } });
    expect(res.status).toBe(413);
    expect((await problem(res)).detail).toBe('A request body is at most 16 KiB.');
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('stops reading a streamed body as soon as it passes 16 KiB', async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        sent += 4096;
        c.enqueue(new TextEncoder().encode(' '.repeat(4096)));
      },
    });
    const res = await post({ body: stream });
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(32 * 1024);
  });

  it('takes a body of exactly 16 KiB', async () => {
    const text = JSON.stringify({ applicationId: 'a1' });
    const res = await post({ body: text + ' '.repeat(16 * 1024 - text.length) });
    expect(res.status).toBe(201);
  });

  it.each([
    ['not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), 'The body is not UTF-8.'],
    ['not JSON', '{"applicationId":', 'The body is not valid JSON.'],
    ['empty', '', 'The body is not valid JSON.'],
  ])('answers 400 for a body that is %s', async (_name, raw, detail) => {
    const res = await post({ body: raw as BodyInit });
    expect(res.status).toBe(400);
    expect((await problem(res)).detail).toBe(detail);
    expect(calls).toBe(0);
  });

  it('names the fields a body gets wrong', async () => {
    const res = await post({ body: JSON.stringify({ applicationId: '' }) });
    expect(res.status).toBe(400);
    const p = await problem(res);
    expect(p.title).toBe('Invalid body');
    expect(p.invalidParams).toEqual([{ name: 'applicationId', reason: expect.any(String) }]);
  });

  it('records a change Vonage may have made as unconfirmed, with Vonage’s status', async () => {
    const res = await route({ action: 'write', activity: 'account.update' }, async () => {
      throw new UpstreamError('unconfirmed', 'x', { status: 200 });
    })(request('PATCH', '/api/x', { body: '{}' }), ctx(path));
    expect(res.status).toBe(502);
    expect((await problem(res)).type).toBe('/problems/unconfirmed');
    expect(events).toEqual([expect.objectContaining({ outcome: 'unconfirmed', upstreamStatus: 200, status: 502 })]);
  });

  it('records a failed replace with what it restored', async () => {
    const res = await route({ action: 'write', activity: 'account.replace' }, async (c) => {
      c.note({ after: { steps: ['unlink'] } });
      throw new UpstreamError('server_error', 'x', { status: 500, restored: true });
    })(request('PUT', '/api/x', { body: '{}' }), ctx(path));
    expect(res.status).toBe(502);
    expect(await problem(res)).toMatchObject({ type: '/problems/upstream-failed', restored: true });
    expect(events).toEqual([
      expect.objectContaining({ outcome: 'failed', upstreamStatus: 500, after: { steps: ['unlink'], restored: true } }),
    ]);
  });
});

describe('userRoute(), notAllowed(), json()', () => {
  it('userRoute needs a session and hands the user over', async () => {
    const handler = userRoute(async (user) => json({ email: user.email }));
    expect(await (await handler(request('GET', '/api/workspaces'))).json()).toEqual({ email: session.user!.email });
    session.user = null;
    expect((await handler(request('GET', '/api/workspaces'))).status).toBe(401);
  });

  it('notAllowed answers 405 with Allow for every other method', async () => {
    const handlers = notAllowed(['GET', 'POST']);
    expect(Object.keys(handlers).sort()).toEqual(['DELETE', 'OPTIONS', 'PATCH', 'PUT']);
    const res = await handlers.DELETE(request('DELETE', '/api/x'));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
    expect(await problem(res)).toMatchObject({ title: 'Method not allowed', detail: 'Use GET, POST.' });
  });

  it('json(…, 204) has no body and no content type', async () => {
    const res = json({ ignored: true }, 204);
    expect(res.status).toBe(204);
    expect(res.headers.get('content-type')).toBeNull();
    expect(await res.text()).toBe('');
  });
});

describe('route(): what else an operator and the activity log see', () => {
  it('records a change asked of no workspace as refused, naming the empty workspace asked for', async () => {
    const res = await route({ action: 'write', activity: 'account.update' }, async () => json({}))(
      request('PATCH', '/api/x', { body: '{}' }),
      ctx({ provider: 'whatsapp', externalId: '447700900001' }),
    );
    expect(res.status).toBe(404);
    expect(events).toEqual([
      expect.objectContaining({ action: 'account.update', workspace: null, outcome: 'denied', status: 404, after: { workspace: '' } }),
    ]);
  });

  it('measures each answer in the request series, by route pattern, method and status, for as long as it took', async () => {
    /** The series' `_sum` or `_count` for GET 202 answers of the accounts route. */
    const value = async (suffix: '_sum' | '_count') =>
      (await metrics().requests.get()).values.find(
        (v) =>
          v.metricName === `console_http_request_duration_seconds${suffix}` &&
          v.labels.route === '/api/workspaces/[ws]/accounts' &&
          v.labels.method === 'GET' &&
          v.labels.status === '202',
      )?.value ?? 0;
    const [sum, count] = [await value('_sum'), await value('_count')];
    let now = 1_700_000_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const res = await route({ action: 'read' }, async () => {
      now += 1500;
      return json({}, 202);
    })(request('GET', '/api/workspaces/acme/accounts'), ctx({ ws: 'acme' }));
    expect(res.status).toBe(202);
    expect(await value('_count')).toBe(count + 1);
    expect((await value('_sum')) - sum).toBeCloseTo(1.5, 6);
  });
});

describe('parseQuery', () => {
  const schema = z.object({ page: intParam(1, 100, 1) });

  it('parses a request’s query with the schema', () => {
    expect(parseQuery(request('GET', '/api/activity?page=7'), schema)).toEqual({ page: 7 });
    expect(parseQuery(request('GET', '/api/activity'), schema)).toEqual({ page: 1 });
  });

  it('refuses names that Next’s parsed URL would drop, and a value out of bounds', () => {
    expect(() => parseQuery(request('GET', '/api/activity?__proto__=1'), schema)).toThrow(
      expect.objectContaining({ status: 400, extra: { invalidParams: [{ name: 'query', reason: 'Unknown parameter' }] } }),
    );
    expect(() => parseQuery(request('GET', '/api/activity?page=0'), schema)).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('peopleRoute()', () => {
  const body = z.object({ role: z.string().check(z.minLength(1)) });
  let seen: { raw: unknown; body: unknown; email: string }[] = [];
  beforeEach(() => {
    seen = [];
  });
  const change = peopleRoute({ body, activity: 'person.update' }, async (c) => {
    seen.push({ raw: c.raw, body: c.body, email: c.user.email });
    c.note({ target: { kind: 'person', id: 'p@acme.test' }, before: { role: 'customer-viewer' }, after: { role: c.body.role } });
    return json({ ok: true });
  });
  const patch = (init: Parameters<typeof request>[2] = {}) =>
    change(request('PATCH', '/api/people/p', { body: JSON.stringify({ role: 'customer' }), ...init }), ctx({ id: 'p' }));

  it('hands the handler the user, the raw path and the parsed body, and records the change in the user’s workspace', async () => {
    session.user = as('customer', 'acme');
    const res = await patch();
    expect(res.status).toBe(200);
    expect(seen).toEqual([{ raw: { id: 'p' }, body: { role: 'customer' }, email: session.user.email }]);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'person.update',
        workspace: 'acme',
        target: { kind: 'person', id: 'p@acme.test' },
        before: { role: 'customer-viewer' },
        after: { role: 'customer' },
        outcome: 'ok',
        status: 200,
        requestId: res.headers.get('x-request-id'),
        actor: expect.objectContaining({ email: session.user.email, role: 'customer' }),
      }),
    ]);
  });

  it('records the attempt in the chain of the workspace the handler names, or in none', async () => {
    const into = (workspace: string | null) =>
      peopleRoute({ activity: 'person.invite' }, async (c) => {
        c.note({ workspace });
        c.note({ after: { invited: true } });
        return json(null, 204);
      });
    expect((await into('globex')(request('POST', '/api/people/invitations'), ctx({}))).status).toBe(204);
    expect((await into(null)(request('POST', '/api/people/invitations'), ctx({}))).status).toBe(204);
    expect(events).toEqual([
      expect.objectContaining({ action: 'person.invite', workspace: 'globex', after: { invited: true }, outcome: 'ok', status: 204 }),
      expect.objectContaining({ action: 'person.invite', workspace: null, after: { invited: true } }),
    ]);
  });

  it('records a refused or failed attempt too, with no target the handler did not name', async () => {
    session.user = as('customer-viewer', 'acme');
    const refuse = peopleRoute({ activity: 'person.disable' }, async () => {
      throw new HttpError(403, 'Not allowed', 'Only a manager may do that.');
    });
    const res = await refuse(request('DELETE', '/api/people/p/sessions'), ctx({ id: 'p' }));
    expect(res.status).toBe(403);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'person.disable',
        workspace: 'acme',
        target: { kind: 'person', id: '' },
        before: null,
        after: null,
        upstreamStatus: null,
        outcome: 'denied',
        status: 403,
      }),
    ]);
  });

  it('answers 400 for a body its schema refuses, without running the handler, and records the attempt', async () => {
    const res = await patch({ body: JSON.stringify({ role: '' }) });
    expect(res.status).toBe(400);
    expect((await problem(res)).title).toBe('Invalid body');
    expect(seen).toEqual([]);
    expect(events).toEqual([expect.objectContaining({ action: 'person.update', outcome: 'failed', status: 400 })]);
  });

  it('refuses a change without the anti-forgery header with 403, before the session, and records nothing', async () => {
    const res = await patch({ headers: { 'x-csrf': '' } });
    expect(res.status).toBe(403);
    expect((await problem(res)).type).toBe('/problems/forbidden');
    expect(session.asked).toBe(0);
    expect(seen).toEqual([]);
    expect(events).toEqual([]);
  });

  it('answers 401 without a session, and records nothing (there is no one to name)', async () => {
    session.user = null;
    const res = await patch();
    expect(res.status).toBe(401);
    expect(seen).toEqual([]);
    expect(events).toEqual([]);
  });

  it('serves a read with no anti-forgery header, and records nothing of it', async () => {
    const list = peopleRoute({ activity: 'person.list' }, async (c) => json({ email: c.user.email, body: c.body ?? null }));
    const res = await list(request('GET', '/api/people', { headers: { origin: 'http://evil.test' } }), ctx({}));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ email: session.user!.email, body: null });
    expect(events).toEqual([]);
  });
});

describe('publicRoute()', () => {
  const body = z.object({ token: z.string().check(z.minLength(1)) });
  let seen: unknown[] = [];
  beforeEach(() => {
    seen = [];
  });
  const open = publicRoute({ body }, async (c) => {
    seen.push(c.body);
    return json({ path: c.req.nextUrl.pathname }, 201);
  });
  const post = (init: Parameters<typeof request>[2] = {}) =>
    open(request('POST', '/api/invitations/open', { body: JSON.stringify({ token: 't1' }), ...init }));

  it('needs no session: hands the handler the parsed body', async () => {
    session.user = null;
    const res = await post();
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ path: '/api/invitations/open' });
    expect(seen).toEqual([{ token: 't1' }]);
    expect(session.asked).toBe(0);
  });

  it.each([
    ['no X-CSRF', { 'x-csrf': '' }],
    ['another Origin', { origin: 'http://evil.test' }],
  ])('refuses %s with 403 before reading the body', async (_name, headers) => {
    const res = await post({ headers });
    expect(res.status).toBe(403);
    expect((await problem(res)).type).toBe('/problems/forbidden');
    expect(seen).toEqual([]);
  });

  it('answers 400 for a body its schema refuses', async () => {
    const res = await post({ body: JSON.stringify({ token: '' }) });
    expect(res.status).toBe(400);
    expect((await problem(res)).invalidParams).toEqual([{ name: 'token', reason: expect.any(String) }]);
    expect(seen).toEqual([]);
  });
});

describe('oneChangeAtATime', () => {
  it('answers 409 to a second change of the same account while the first waits, then lets the next one in', async () => {
    let finish = () => {};
    const first = oneChangeAtATime('acme|whatsapp|1', () => new Promise<string>((r) => (finish = () => r('first'))));
    await expect(oneChangeAtATime('acme|whatsapp|1', async () => 'second')).rejects.toMatchObject({ status: 409 });
    expect(await oneChangeAtATime('acme|whatsapp|2', async () => 'other account')).toBe('other account');
    finish();
    expect(await first).toBe('first');
    expect(await oneChangeAtATime('acme|whatsapp|1', async () => 'next')).toBe('next');
  });

  it('releases the account when the change fails', async () => {
    await expect(oneChangeAtATime('acme|rcs|x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await oneChangeAtATime('acme|rcs|x', async () => 'again')).toBe('again');
  });
});
