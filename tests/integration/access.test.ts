import { describe, expect, it } from 'vitest';
import { call, stack, expectNoUpstream, type Who } from '../support/api';

const list = '/api/workspaces/acme/accounts';
const body = { externalId: '990000000001111', accessToken: 'EAAGxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' };

describe('401: no or bad session (JSON, never a redirect)', () => {
  const cookies: Record<string, () => Promise<string>> = {
    'no cookie': async () => '',
    'forged cookie': async () => 'next-auth.session-token=forged.value.here',
    'tampered cookie': async () => {
      const c = stack().cookies.support;
      return c.slice(0, -6) + (c.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    },
    'cookie signed with another secret': async () => {
      const { encode } = await import('next-auth/jwt');
      const token = await encode({
        secret: 'another-secret-another-secret-xx',
        token: { email: 'support@demo.test', sid: 'any' },
      });
      return `next-auth.session-token=${token}`;
    },
    // Idle and too-old sessions end in the store: lib/auth/__tests__/people-store.test.ts, on both engines.
    'a well-signed cookie naming no session in the store': async () => {
      const { encode } = await import('next-auth/jwt');
      const token = await encode({ secret: stack().secrets.nextauthSecret, token: { email: 'support@demo.test', sid: 'no-such-session' } });
      return `next-auth.session-token=${token}`;
    },
  };
  for (const [name, cookie] of Object.entries(cookies)) {
    it(name, async () => {
      const c = await cookie();
      await expectNoUpstream(async () => {
        for (const [method, path] of [
          ['GET', list],
          ['POST', `${list}/messenger`],
          ['GET', '/api/workspaces'],
        ]) {
          const res = await call('anonymous', method!, path!, { headers: c ? { cookie: c } : {}, ...(method === 'POST' ? { body } : {}) });
          expect(res.status).toBe(401);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          expect(res.headers.get('location')).toBeNull();
        }
      });
    });
  }

  it('a real session cookie is accepted (the cases above fail for their forgery, not by accident)', async () => {
    const res = await call('support', 'GET', '/api/workspaces');
    expect(res.status).toBe(200);
  });

  it('x-middleware-subrequest and RSC headers change nothing (A20)', async () => {
    await expectNoUpstream(async () => {
      for (const headers of <Record<string, string>[]>[
        { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
        { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
        { rsc: '1', 'next-router-prefetch': '1' },
      ]) {
        // Next answers an RSC request without `_rsc` with a redirect to itself; the end of it is the same 401.
        const res = await fetch(stack().consoleUrl + list, { headers });
        expect(res.status).toBe(401);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        const post = await fetch(`${stack().consoleUrl}${list}/messenger`, {
          method: 'POST',
          headers: { ...headers, cookie: stack().cookies.viewer, 'x-csrf': '1', 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(post.status).toBe(403);
      }
    });
  });

  it('page visits without a session redirect to sign-in', async () => {
    const res = await call('anonymous', 'GET', '/w/acme/accounts');
    expect([302, 307]).toContain(res.status);
    expect(res.headers.get('location')).toContain('/signin');
  });
});

describe('roles (A14) and workspaces (A13)', () => {
  const mutations: [string, string, unknown?][] = [
    ['POST', `${list}/messenger`, body],
    ['PATCH', `${list}/messenger/123456789012345`, { name: 'x' }],
    ['DELETE', `${list}/messenger/123456789012345`],
    ['POST', `${list}/whatsapp/447700900001/applications`, { applicationId: '00000000-0000-4000-8000-000000000000' }],
    ['DELETE', `${list}/whatsapp/447700900001/applications/00000000-0000-4000-8000-000000000000`],
  ];

  it('a viewer may read but every mutation is 403 with no upstream call', async () => {
    expect((await call('viewer', 'GET', list)).status).toBe(200);
    await expectNoUpstream(async () => {
      for (const [method, path, b] of mutations) {
        const res = await call('viewer', method, path, { body: b });
        expect(res.status, `${method} ${path}`).toBe(403);
      }
    });
  });

  it('a customer of globex gets 404 for every acme route, with no upstream call', async () => {
    await expectNoUpstream(async () => {
      for (const [method, path, b] of [
        ['GET', list],
        ['GET', '/api/workspaces/acme/applications'],
        ['GET', `${list}/whatsapp/447700900001`],
        ...mutations,
      ] as [string, string, unknown?][]) {
        const res = await call('globex', method, path, { body: b });
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    });
  });

  it('an unknown workspace is 404 for staff too', async () => {
    await expectNoUpstream(async () => {
      expect((await call('support', 'GET', '/api/workspaces/nowhere/accounts')).status).toBe(404);
    });
  });

  it.each<[Who, number]>([
    ['support', 200],
    ['viewer', 200],
    ['acme', 200],
    ['globex', 404],
  ])('%s reading acme: %i', async (who, status) => {
    expect((await call(who, 'GET', list)).status).toBe(status);
  });
});

describe('next-auth session update (A12)', () => {
  it('a customer cannot raise their role or change workspace', async () => {
    const s = stack();
    const csrf = await fetch(`${s.consoleUrl}/api/auth/csrf`, { headers: { cookie: s.cookies.globex } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const res = await fetch(`${s.consoleUrl}/api/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${s.cookies.globex}; ${csrfCookie}` },
      body: JSON.stringify({ csrfToken, data: { role: 'support', workspace: 'acme' } }),
    });
    const updated = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.startsWith('next-auth.session-token='));
    const cookie = updated ?? s.cookies.globex;
    const session = await (await fetch(`${s.consoleUrl}/api/auth/session`, { headers: { cookie } })).json();
    // The session names the person only; role and workspace come from the server's config on every request.
    expect(session.user).toEqual({ name: 'Gus (Globex)', email: 'owner@globex.test' });
    const acme = await call('anonymous', 'GET', list, { headers: { cookie } });
    expect(acme.status).toBe(404);
  });
});
