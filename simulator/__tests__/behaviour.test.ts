/** Behaviour: authentication, tenant isolation and every 400/403/404/405/409/415 rule. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import type { TenantsFile } from '../types';
import {
  ACME,
  ACME_APP_ID,
  APPS,
  basic,
  call,
  EA,
  EMPTY,
  GLOBEX,
  GLOBEX_APP_ID,
  jwt,
  makeTenants,
  reset,
  rawRequest,
  start,
  type Keys,
} from './helpers';

type Sim = Awaited<ReturnType<typeof start>>;
let sim: Sim;
let keys: Keys;
let tenants: TenantsFile;
const A = () => ({ auth: basic(ACME) });
const G = () => ({ auth: basic(GLOBEX) });
const now = () => Math.floor(Date.now() / 1000);

interface Account {
  external_id: string;
  api_key: string;
  provider: string;
  name?: string;
  applications: string[];
  access_token?: string;
}
interface App {
  id: string;
  name: string;
  capabilities: Record<string, unknown>;
}

const list = async (auth: string, q = 'page_size=1000') =>
  ((await call(sim.url, 'GET', `${EA}?${q}`, { auth })).json() as { _embedded: Account[] })._embedded;
const appsOf = async (auth: string) =>
  ((await call(sim.url, 'GET', `${APPS}?page_size=100`, { auth })).json() as { _embedded: { applications: App[] } })._embedded.applications;

beforeAll(async () => {
  ({ tenants, keys } = await makeTenants());
  sim = await start(tenants);
});
afterAll(() => sim?.close());
beforeEach(() => reset(sim.url));

describe('authentication', () => {
  const get = (auth?: string) => call(sim.url, 'GET', EA, { auth });
  const unauthorised = { title: 'Unauthorised', detail: "Request header 'Authorization' missing / Invalid Token" };

  it('accepts Basic and rejects a wrong secret, an unknown key, no header and garbage', async () => {
    expect((await get(basic(ACME))).status).toBe(200);
    const wrong = await get(basic({ ...ACME, apiSecret: 'wrong' }));
    expect(wrong.status).toBe(401);
    expect(wrong.json()).toEqual(unauthorised);
    expect((await get(basic({ apiKey: 'zz99zz99', apiSecret: 'x' }))).status).toBe(401);
    expect((await get()).status).toBe(401);
    expect((await get('Basic !!!')).status).toBe(401);
    expect((await get('Token abc')).status).toBe(401);
    expect((await get(`Basic ${Buffer.from(ACME.apiKey).toString('base64')}`)).status).toBe(401);
  });

  it('rejects both schemes at once, two headers or one combined header', async () => {
    const bearer = `Bearer ${await jwt(keys.acme)}`;
    expect((await rawRequest(sim.url, 'GET', EA, { authorization: [basic(ACME), bearer] })).status).toBe(401);
    expect((await rawRequest(sim.url, 'GET', EA, { authorization: [basic(ACME), basic(ACME)] })).status).toBe(401);
    expect((await get(`${basic(ACME)}, ${bearer}`)).status).toBe(401);
    expect((await rawRequest(sim.url, 'GET', EA, { authorization: basic(ACME) })).status).toBe(200);
  });

  it('accepts a valid RS256 JWT and maps it to the application owner', async () => {
    const acme = await list(`Bearer ${await jwt(keys.acme)}`);
    expect(acme.every((a) => a.api_key === ACME.apiKey)).toBe(true);
    const globex = await list(`Bearer ${await jwt(keys.globex, { appId: GLOBEX_APP_ID })}`);
    expect(globex.length).toBeGreaterThan(0);
    expect(globex.every((a) => a.api_key === GLOBEX.apiKey)).toBe(true);
  });

  it('rejects expired, alg none, HS256, wrong key, unknown application, missing jti, future iat, too long', async () => {
    const t = now();
    const unsigned = (alg: string) =>
      `${Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url')}.${Buffer.from(
        JSON.stringify({ application_id: ACME_APP_ID, iat: t, exp: t + 900, jti: 'x' }),
      ).toString('base64url')}.`;
    const pem = tenants.tenants[0]!.jwtApplications![0]!.publicKey;
    const hs = await new SignJWT({ application_id: ACME_APP_ID })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('15m')
      .setJti('j')
      .sign(new TextEncoder().encode(pem));
    const tokens = [
      await jwt(keys.acme, { iat: t - 7200, exp: t - 3600 }),
      unsigned('none'),
      hs,
      await jwt(keys.stranger),
      await jwt(keys.stranger, { appId: '0f0f0f0f-0000-4000-8000-000000000000' }),
      await jwt(keys.acme, { jti: null }),
      await jwt(keys.acme, { iat: t + 600, exp: t + 1200 }),
      await jwt(keys.acme, { iat: t, exp: t + 25 * 3600 }),
      await jwt(keys.globex), // globex's key but acme's application id
      'not.a.jwt',
    ];
    for (const [i, token] of tokens.entries()) expect((await get(`Bearer ${token}`)).status, `token #${i}`).toBe(401);
  });

  it('Application API takes Basic only, with the BadCredentials body', async () => {
    const res = await call(sim.url, 'GET', APPS, { auth: `Bearer ${await jwt(keys.acme)}` });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({
      type: 'https://developer.nexmo.com/api-errors#unauthorized',
      title: 'Invalid credentials supplied',
    });
    expect((res.json() as { instance: string }).instance).toMatch(/^[0-9a-f]{32}$/);
    expect((await call(sim.url, 'GET', APPS, A())).status).toBe(200);
  });

  it('a JWT acl that does not cover the path is 403', async () => {
    const limited = await jwt(keys.acme, { acl: { paths: { '/*/applications/**': {} } } });
    const res = await call(sim.url, 'GET', EA, { auth: `Bearer ${limited}` });
    expect(res.status).toBe(403);
    expect(res.json()).toEqual({ title: 'Wrong authentication - You are not authorised to access this resource' });
    const open = await jwt(keys.acme, { acl: { paths: { '/*/chatapp-accounts/**': {} } } });
    expect((await call(sim.url, 'GET', EA, { auth: `Bearer ${open}` })).status).toBe(200);
  });
});

describe('tenant isolation', () => {
  it('globex cannot see, change, delete, link or unlink acme accounts', async () => {
    const acme = (await list(basic(ACME))).find((a) => a.provider === 'messenger' && a.applications.length > 0)!;
    const p = `${EA}/messenger/${acme.external_id}`;
    expect((await call(sim.url, 'GET', p, G())).status).toBe(404);
    expect((await call(sim.url, 'PATCH', p, { ...G(), body: { name: 'hijack' } })).status).toBe(404);
    expect((await call(sim.url, 'DELETE', p, G())).status).toBe(404);
    expect((await call(sim.url, 'POST', `${p}/applications`, { ...G(), body: { application: GLOBEX_APP_ID } })).status).toBe(404);
    expect((await call(sim.url, 'DELETE', `${p}/applications/${acme.applications[0]}`, G())).status).toBe(404);
    expect((await call(sim.url, 'GET', p, A())).json()).toEqual(acme);
    expect((await list(basic(GLOBEX))).some((a) => a.external_id === acme.external_id)).toBe(false);
  });

  it('applications are per tenant', async () => {
    expect((await call(sim.url, 'GET', `${APPS}/${ACME_APP_ID}`, G())).status).toBe(404);
    const mine = (await list(basic(GLOBEX))).find((a) => a.applications.length === 0)!;
    const res = await call(sim.url, 'POST', `${EA}/${mine.provider}/${mine.external_id}/applications`, {
      ...G(),
      body: { application: ACME_APP_ID },
    });
    expect(res.status).toBe(403);
    expect(await list(basic(EMPTY))).toEqual([]);
  });
});

describe('seeds', () => {
  it('acme has 45+ accounts over all providers with realistic ids, 6+ applications, 2+ without messages', async () => {
    const accounts = await list(basic(ACME));
    expect(accounts.length).toBeGreaterThanOrEqual(45);
    const by = (p: string) => accounts.filter((a) => a.provider === p);
    for (const p of ['messenger', 'whatsapp', 'viber_service_msg', 'rcs']) expect(by(p).length).toBeGreaterThanOrEqual(8);
    for (const a of by('messenger')) {
      expect(a.external_id).toMatch(/^\d{15,16}$/);
      expect(a.access_token).toMatch(/^EAAG[A-Za-z0-9]{40,}$/);
    }
    for (const a of by('whatsapp')) expect(a.external_id).toMatch(/^[1-9]\d{9,14}$/);
    for (const a of by('viber_service_msg')) expect(a.external_id).toMatch(/^\d{5,8}$/);
    for (const a of by('rcs')) expect(a.external_id).toMatch(/^[a-z0-9_-]+$/);
    for (const a of accounts.filter((x) => x.provider !== 'messenger')) expect(a).not.toHaveProperty('access_token');
    expect(by('messenger').some((a) => a.applications.length === 1)).toBe(true);
    expect(by('messenger').some((a) => a.applications.length === 0)).toBe(true);
    expect(accounts.some((a) => a.provider !== 'messenger' && a.applications.length === 1)).toBe(true);
    const apps = await appsOf(basic(ACME));
    expect(apps.length).toBeGreaterThanOrEqual(6);
    expect(apps.filter((a) => !a.capabilities.messages).length).toBeGreaterThanOrEqual(2);
    expect(apps.filter((a) => a.capabilities.messages).length).toBeGreaterThanOrEqual(4);
    expect(apps.find((a) => a.id === ACME_APP_ID)).toMatchObject({
      name: 'Acme Console',
      keys: { public_key: expect.stringContaining('BEGIN PUBLIC KEY') },
    });
    for (const a of apps) expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const linked = new Set(accounts.flatMap((a) => a.applications));
    for (const id of linked) expect(apps.find((a) => a.id === id)?.capabilities.messages).toBeDefined();
  });

  it('globex has 5-6 accounts and 3 seeded applications (2 with messages)', async () => {
    expect((await list(basic(GLOBEX))).length).toBeGreaterThanOrEqual(5);
    const seeded = (await appsOf(basic(GLOBEX))).filter((a) => a.id !== GLOBEX_APP_ID);
    expect(seeded).toHaveLength(3);
    expect(seeded.filter((a) => a.capabilities.messages)).toHaveLength(2);
  });
});
