import { afterEach, describe, expect, it, vi } from 'vitest';
import { problemSchema } from '@/lib/schemas/problem';
import { ApiError, apiFetch, asProblem } from '../api';
import { ReplaceError, replaceApplication } from '../account-mutations';

const account = { provider: 'whatsapp', externalId: '447700900003', name: 'A', applications: ['new'], apiKey: 'k', accessTokenHint: null };
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number) => ({ type: 'about:blank', title: 'x', status, instance: 'r' });

function stubFetch(...answers: Response[]) {
  const calls: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({
        url,
        method: init.method ?? 'GET',
        headers: init.headers as Record<string, string>,
        body: init.body ? JSON.parse(String(init.body)) : undefined,
      });
      const next = answers.shift();
      if (!next) throw new Error('unexpected call');
      return next;
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('apiFetch', () => {
  it('sends X-CSRF only on changes, and gives back the answer', async () => {
    const calls = stubFetch(json(200, account), json(200, account));
    await expect(apiFetch('/api/a')).resolves.toEqual(account);
    await apiFetch('/api/a', { method: 'POST', body: { applicationId: 'x' } });
    expect(calls[0]?.headers['x-csrf']).toBeUndefined();
    expect(calls[1]?.headers['x-csrf']).toBe('1');
    expect(calls[1]?.headers['content-type']).toBe('application/json');
  });

  it('turns a problem answer into an ApiError with its Retry-After', async () => {
    stubFetch(json(429, problem(429), { 'retry-after': '7' }));
    const err = await apiFetch('/api/a').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(429);
    expect((err as ApiError).retryAfterSeconds).toBe(7);
    expect((err as ApiError).problem).toEqual(problem(429));
  });

  it('keeps no problem details from an answer that is not one', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    const err = (await apiFetch('/api/a').catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(502);
    expect(err.problem).toBeNull();
  });
});

describe('asProblem', () => {
  const ok = { type: 't', title: 'x', status: 400, instance: 'r' };
  it.each([
    ok,
    { ...ok, detail: 'd', invalidParams: [{ name: 'externalId', reason: 'r' }], extra: 1 },
    { ...ok, invalidParams: [] },
    { ...ok, invalidParams: [{ name: 'a', reason: 'b', more: 1 }] },
    { ...ok, detail: undefined },
    { ...ok, status: 400.5 },
    { ...ok, status: 2 ** 60 },
    { ...ok, status: '400' },
    { ...ok, detail: null },
    { ...ok, invalidParams: [{ name: 'a' }] },
    { ...ok, invalidParams: [['a', 'b']] },
    { ...ok, invalidParams: {} },
    { title: 'x', status: 400, instance: 'r' },
    [ok],
    'Bad gateway',
    null,
  ])('agrees with problemSchema on %j', (body) => {
    const parsed = problemSchema.safeParse(body);
    expect(asProblem(body)).toEqual(parsed.success ? parsed.data : null);
  });
});

describe('replaceApplication', () => {
  const replace = () => replaceApplication('acme', 'whatsapp', '447700900003', 'old', 'new');

  it('is one request: PUT …/applications with the expected current application', async () => {
    const calls = stubFetch(json(200, { ...account, applications: ['new'] }));
    await expect(replace()).resolves.toMatchObject({ applications: ['new'] });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['PUT /api/workspaces/acme/accounts/whatsapp/447700900003/applications']);
    expect(calls[0]?.body).toEqual({ applicationId: 'new', expectedCurrent: 'old' });
  });

  it('says whether the old application is linked again, from the problem’s `restored`', async () => {
    stubFetch(json(502, { ...problem(502), restored: true }));
    const err = await replace().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReplaceError);
    expect((err as ReplaceError).restored).toBe(true);
    expect(((err as ReplaceError).cause as ApiError).status).toBe(502);
    stubFetch(json(422, { ...problem(422), restored: false }));
    expect(((await replace().catch((e: unknown) => e)) as ReplaceError).restored).toBe(false);
  });

  it('a failure before anything was changed (409: the link changed meanwhile) is a plain ApiError', async () => {
    stubFetch(json(409, problem(409)));
    const err = await replace().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
  });
});
