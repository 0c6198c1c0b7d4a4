import { describe, expect, it } from 'vitest';
import { call, expectNoUpstream } from '../support/api';

/*
 * The shared checks, route by route: every contract route answers the same
 * 401, 403, 404, 400, 413 and 415 with no upstream call.
 */
const acme = '/api/workspaces/acme';
const app = '6a2b1f7e-1c1d-4e0a-9b4e-0d7c1b2a3f4e';

type Route = { method: string; path: string; body?: unknown; mutation: boolean };
const ROUTES: Route[] = [
  { method: 'GET', path: '/api/workspaces', mutation: false },
  { method: 'GET', path: `${acme}/accounts`, mutation: false },
  { method: 'GET', path: `${acme}/applications`, mutation: false },
  { method: 'GET', path: `${acme}/accounts/whatsapp/447700900001`, mutation: false },
  {
    method: 'POST',
    path: `${acme}/accounts/messenger`,
    body: { externalId: '990000000008888', accessToken: 'EAAGeveryeveryevery' },
    mutation: true,
  },
  { method: 'PATCH', path: `${acme}/accounts/messenger/990000000008888`, body: { name: 'x' }, mutation: true },
  { method: 'DELETE', path: `${acme}/accounts/messenger/990000000008888`, mutation: true },
  { method: 'POST', path: `${acme}/accounts/whatsapp/447700900001/applications`, body: { applicationId: app }, mutation: true },
  {
    method: 'PUT',
    path: `${acme}/accounts/whatsapp/447700900001/applications`,
    body: { applicationId: app, expectedCurrent: null },
    mutation: true,
  },
  { method: 'DELETE', path: `${acme}/accounts/whatsapp/447700900001/applications/${app}`, mutation: true },
  { method: 'GET', path: `${acme}/activity`, mutation: false },
  { method: 'GET', path: '/api/activity', mutation: false },
  { method: 'GET', path: '/api/search?q=acme', mutation: false },
  { method: 'GET', path: `${acme}/index`, mutation: false },
  // Refresh now changes nothing at Vonage: a viewer may ask for it too.
  { method: 'POST', path: `${acme}/index/refresh`, mutation: false },
  { method: 'GET', path: `${acme}/overview`, mutation: false },
  { method: 'GET', path: `${acme}/applications?source=index`, mutation: false },
  { method: 'GET', path: `${acme}/applications/${app}`, mutation: false },
  { method: 'GET', path: `${acme}/accounts/export?format=csv`, mutation: false },
];
const name = (r: Route) => `${r.method} ${r.path.replace(acme, '{acme}')}`;

describe.each(ROUTES)('$method $path', (r) => {
  it('401 without a session', async () => {
    await expectNoUpstream(async () => {
      const res = await call('anonymous', r.method, r.path, { body: r.body });
      expect(res.status, name(r)).toBe(401);
      expect(res.json.instance).toBe(res.headers.get('x-request-id'));
    });
  });

  if (r.path.startsWith(acme))
    it('404 for a customer of another workspace', async () => {
      await expectNoUpstream(async () => {
        expect((await call('globex', r.method, r.path, { body: r.body })).status, name(r)).toBe(404);
      });
    });

  if (r.mutation)
    it('403 for a viewer, and 403 without X-CSRF', async () => {
      await expectNoUpstream(async () => {
        expect((await call('viewer', r.method, r.path, { body: r.body })).status).toBe(403);
        expect((await call('support', r.method, r.path, { body: r.body, csrf: false })).status).toBe(403);
      });
    });

  if (r.body !== undefined)
    it('415, 413 and 400 for bad bodies', async () => {
      await expectNoUpstream(async () => {
        const send = (rawBody: string, type: string) => call('support', r.method, r.path, { rawBody, headers: { 'content-type': type } });
        expect((await send(JSON.stringify(r.body), 'text/plain')).status).toBe(415);
        expect((await send(`{"name":"${'x'.repeat(17 * 1024)}"}`, 'application/json')).status).toBe(413);
        expect((await send('{', 'application/json')).status).toBe(400);
        const unknown = await send(JSON.stringify({ ...(r.body as object), extra: 1 }), 'application/json');
        expect(unknown.status).toBe(400);
        expect(unknown.json.invalidParams.length).toBeGreaterThan(0);
      });
    });
});

describe('query validation on the list routes', () => {
  it.each([
    `${acme}/applications?pageSize=101`,
    `${acme}/applications?capability=voice`,
    `${acme}/applications?page=0`,
    `${acme}/accounts?provider=telegram`,
  ])('%s is 400', async (path) => {
    await expectNoUpstream(async () => {
      const res = await call('support', 'GET', path);
      expect(res.status).toBe(400);
      expect(res.json.invalidParams[0].name).toMatch(/pageSize|capability|page|provider/);
    });
  });
});
