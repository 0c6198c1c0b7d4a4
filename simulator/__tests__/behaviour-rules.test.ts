/** Behaviour: the 400/403/404/405/409/415 rules of create, patch, link, unlink and routing. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACME, ACME_APP_ID, APPS, basic, call, EA, makeTenants, reset, start } from './helpers';

type Sim = Awaited<ReturnType<typeof start>>;
let sim: Sim;
const A = () => ({ auth: basic(ACME) });
interface Account {
  external_id: string;
  provider: string;
  applications: string[];
  name?: string;
  access_token?: string;
  api_key: string;
}
interface App {
  id: string;
  capabilities: { messages?: unknown };
}
let linkable: string[];
let voiceOnly: string;

const INVALID = { type: 'https://www.nexmo.com/messages/Errors#InvalidParams', title: "Your request parameters didn't validate." };
const FORBIDDEN = { type: 'https://www.nexmo.com/messages/Errors#Forbidden', title: 'Forbidden', detail: 'Cannot link application' };
const req = (method: string, path: string, body?: unknown) => call(sim.url, method, EA + path, { ...A(), body });
const create = (body: unknown) => req('POST', '/messenger', body);
/** The Messenger account the update and delete cases change, made by each test that needs it. */
const PAGE = '111122223333444';
async function makePage() {
  const res = await create({ external_id: PAGE, access_token: 'EAAGabc', name: 'New Page', applications: [linkable[1]] });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  sim = await start((await makeTenants()).tenants);
  const apps = ((await call(sim.url, 'GET', `${APPS}?page_size=100`, A())).json() as { _embedded: { applications: App[] } })._embedded
    .applications;
  linkable = apps.filter((a) => a.capabilities.messages).map((a) => a.id);
  voiceOnly = apps.find((a) => !a.capabilities.messages)!.id;
});
afterAll(() => sim?.close());
beforeEach(() => reset(sim.url));

describe('create Messenger account', () => {
  it('201 with the full account, api_key of the caller', async () => {
    const res = await create({ external_id: '111122223333444', access_token: 'EAAGabc', name: 'New Page', applications: [linkable[1]] });
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({
      external_id: '111122223333444',
      api_key: ACME.apiKey,
      provider: 'messenger',
      name: 'New Page',
      applications: [linkable[1]],
      access_token: 'EAAGabc',
    });
    expect((await req('GET', '/messenger/111122223333444')).json()).toEqual(res.json());
  });

  it('400 invalid_params for missing or non-string fields, too many applications, duplicates', async () => {
    await makePage();
    const missing = await create({ name: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.json()).toMatchObject({
      ...INVALID,
      detail: 'Found errors validating 2 of your submitted parameters.',
      invalid_params: [
        { name: 'external_id', reason: 'Missing `external_id` field' },
        { name: 'access_token', reason: 'Missing `access_token` field' },
      ],
    });
    expect((missing.json() as { instance: string }).instance).toMatch(/^[0-9a-f]{32}$/);
    const cases: [unknown, string][] = [
      [{ external_id: 123, access_token: 't' }, 'external_id'],
      [{ external_id: '1', access_token: ['t'] }, 'access_token'],
      [{ external_id: '1', access_token: 't', applications: [linkable[0], linkable[1]] }, 'applications'],
      [{ external_id: '1', access_token: 't', applications: 'x' }, 'applications'],
      [{ external_id: '1', access_token: 't', name: 5 }, 'name'],
      [{ external_id: '111122223333444', access_token: 't' }, 'external_id'],
      [undefined, 'external_id'],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json() as { invalid_params: { name: string }[] }).invalid_params[0]!.name).toBe(field);
    }
  });

  it('403 for an unknown or non-messages application', async () => {
    for (const app of ['00000000-0000-4000-8000-000000000000', voiceOnly]) {
      const res = await create({ external_id: '555566667777888', access_token: 't', applications: [app] });
      expect(res.status).toBe(403);
      expect(res.json()).toEqual(FORBIDDEN);
    }
    expect((await req('GET', '/messenger/555566667777888')).status).toBe(404);
  });

  it('415 for a non-JSON content type, 400 for malformed JSON', async () => {
    const res = await call(sim.url, 'POST', `${EA}/messenger`, {
      ...A(),
      body: 'external_id=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.json()).toMatchObject({ title: 'Unsupported Content-Type header' });
    const bad = await call(sim.url, 'POST', `${EA}/messenger`, { ...A(), body: '{"external_id": ' });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject(INVALID);
  });
});

describe('update Messenger account', () => {
  const p = '/messenger/111122223333444';
  it('200 with the full account for name, token and applications; same external_id allowed', async () => {
    await makePage();
    const res = await req('PATCH', p, { name: 'Renamed', access_token: 'EAAGnew', external_id: '111122223333444', applications: [] });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      external_id: '111122223333444',
      api_key: ACME.apiKey,
      provider: 'messenger',
      name: 'Renamed',
      applications: [],
      access_token: 'EAAGnew',
    });
    expect((await req('PATCH', p, { applications: [ACME_APP_ID] })).json()).toMatchObject({ applications: [ACME_APP_ID], name: 'Renamed' });
    expect((await req('PATCH', p, {})).status).toBe(200);
  });

  it('400 when external_id changes or fields are invalid, 403 for a bad application, 404 when missing', async () => {
    await makePage();
    const res = await req('PATCH', p, { external_id: '999' });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({
      ...INVALID,
      invalid_params: [{ name: 'external_id', reason: "'external_id' parameter cannot be changed" }],
    });
    expect((await req('PATCH', p, { applications: [linkable[0], linkable[1]] })).status).toBe(400);
    expect((await req('PATCH', p, { access_token: '' })).status).toBe(400);
    expect((await req('PATCH', p)).status).toBe(400);
    expect((await req('PATCH', p, { applications: [voiceOnly] })).json()).toEqual(FORBIDDEN);
    const missing = await req('PATCH', '/messenger/404404404404404', { name: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('');
  });
});

describe('link and unlink', () => {
  const accounts = async () => ((await req('GET', '?page_size=1000')).json() as { _embedded: Account[] })._embedded;

  it('links any provider (200 with the account), then 409 for a second link', async () => {
    for (const provider of ['whatsapp', 'viber_service_msg', 'rcs', 'messenger']) {
      const acc = (await accounts()).find((a) => a.provider === provider && a.applications.length === 0)!;
      const path = `/${provider}/${acc.external_id}/applications`;
      const res = await req('POST', path, { application: linkable[2] });
      expect(res.status, provider).toBe(200);
      expect(res.json()).toEqual({ ...acc, applications: [linkable[2]] });
      const again = await req('POST', path, { application: linkable[3] });
      expect(again.status).toBe(409);
      expect(again.json()).toEqual({
        type: 'https://www.nexmo.com/messages/Errors#Conflict',
        title: 'Application conflict',
        detail: 'Unable to link application',
      });
      expect((await req('POST', path, { application: linkable[2] })).status).toBe(409);
    }
  });

  it('400 without a valid application, 403 for unknown/non-messages, 404 for a missing account', async () => {
    const acc = (await accounts()).find((a) => a.provider === 'whatsapp' && a.applications.length === 0)!;
    const path = `/whatsapp/${acc.external_id}/applications`;
    expect((await req('POST', path)).status).toBe(400);
    expect((await req('POST', path, { application: 42 })).json()).toMatchObject(INVALID);
    expect((await req('POST', path, { app: linkable[0] })).status).toBe(400);
    expect((await req('POST', path, { application: voiceOnly })).json()).toEqual(FORBIDDEN);
    expect((await req('POST', path, { application: 'nope' })).status).toBe(403);
    const missing = await req('POST', '/whatsapp/440000000000/applications', { application: linkable[0] });
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('');
  });

  it('unlink: 204, then 409 when not linked, 404 for a missing account', async () => {
    const acc = (await accounts()).find((a) => a.provider === 'rcs' && a.applications.length === 1)!;
    const path = `/rcs/${acc.external_id}/applications/${acc.applications[0]}`;
    const ok = await req('DELETE', path);
    expect(ok.status).toBe(204);
    expect(ok.text).toBe('');
    const again = await req('DELETE', path);
    expect(again.status).toBe(409);
    expect(again.json()).toEqual({
      type: 'https://www.nexmo.com/messages/Errors#Conflict',
      title: 'Application conflict',
      detail: 'Unable to unlink application',
    });
    expect((await req('DELETE', `/rcs/no_such_agent/applications/${linkable[0]}`)).status).toBe(404);
  });
});

describe('routing', () => {
  it('404 without body for what upstream lacks, 405 with Allow for wrong methods', async () => {
    const rcs = ((await req('GET', '?provider=rcs')).json() as { _embedded: Account[] })._embedded[0]!;
    for (const [method, path] of [
      ['GET', `/rcs/${rcs.external_id}`],
      ['POST', '/whatsapp'],
      ['POST', '/rcs'],
      ['GET', '/sms/1/applications'],
      ['GET', '/messenger/1/x/y'],
    ]) {
      const res = await req(method!, path!, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.text).toBe('');
    }
    expect((await call(sim.url, 'GET', '/v1/other', A())).status).toBe(404);
    const res = await req('PATCH', '/whatsapp/447700900001', {});
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(res.json()).toMatchObject({ title: 'Request method not allowed', detail: "Request method 'PATCH' not supported" });
    expect((await req('DELETE', '/viber_service_msg/12345')).headers.get('allow')).toBe('GET');
    expect((await req('PUT', '/messenger/1', {})).headers.get('allow')).toBe('GET, PATCH, DELETE');
    expect((await req('GET', '/messenger/1/applications')).headers.get('allow')).toBe('POST');
    expect((await call(sim.url, 'PUT', `${APPS}/${ACME_APP_ID}`, A())).headers.get('allow')).toBe('GET');
  });

  it('delete: 204 then 404 without body', async () => {
    await makePage();
    expect((await req('DELETE', '/messenger/111122223333444')).status).toBe(204);
    const res = await req('DELETE', '/messenger/111122223333444');
    expect(res.status).toBe(404);
    expect(res.text).toBe('');
  });
});
