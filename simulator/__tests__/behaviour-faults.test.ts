/** Behaviour: fault injection, the request log and reset through the /_sim control API. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACME, APPS, basic, call, EA, jwt, makeTenants, reset, start, type Keys } from './helpers';

type Sim = Awaited<ReturnType<typeof start>>;
let sim: Sim;
let keys: Keys;
const A = () => ({ auth: basic(ACME) });
const faults = (config: unknown) => call(sim.url, 'PUT', '/_sim/faults', { body: config });
const listEA = (timeoutMs?: number) => call(sim.url, 'GET', `${EA}?page_size=5`, { ...A(), timeoutMs });

beforeAll(async () => {
  let tenants;
  ({ tenants, keys } = await makeTenants());
  sim = await start(tenants);
});
afterAll(() => sim?.close());
beforeEach(() => reset(sim.url));

describe('faults', () => {
  it('latency delays answers', async () => {
    await faults({ latencyMs: 300 });
    const t0 = Date.now();
    expect((await listEA()).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
  });

  it('errorRate 1 answers every API request with a JSON 5xx, never /_sim', async () => {
    await faults({ errorRate: 1 });
    for (let i = 0; i < 5; i++) {
      const res = await listEA();
      expect(res.status).toBe(500);
      expect(res.json()).toMatchObject({ title: 'Internal Server Error' });
    }
    expect((await call(sim.url, 'GET', `${APPS}`, A())).status).toBe(500);
    expect((await call(sim.url, 'GET', '/_sim/health')).json()).toEqual({ status: 'ok' });
    await faults({ errorRate: 1, errorStatus: 503 });
    expect((await listEA()).status).toBe(503);
  });

  it('rateLimit answers 429 with Retry-After', async () => {
    await faults({ rateLimit: { retryAfter: '7' } });
    const res = await listEA();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.json()).toMatchObject({ title: 'Too Many Requests' });
  });

  it('script entries are consumed in order by the first request each matches', async () => {
    const put = await faults({
      script: [
        { method: 'GET', path: EA, status: 503 },
        { method: 'POST', path: `${EA}/messenger`, status: 500, body: 'Error: boom\n    at handler (/srv/app.js:12:3)' },
        { method: 'GET', path: EA, status: 503 },
        { method: 'GET', path: EA, status: 302, headers: { Location: 'https://login.example/' } },
        { path: APPS, passThrough: true, delayMs: 200 },
      ],
    });
    expect(put.status).toBe(200);
    expect((await call(sim.url, 'GET', '/_sim/health')).status).toBe(200);
    expect((await listEA()).status).toBe(503);
    const post = await call(sim.url, 'POST', `${EA}/messenger`, { ...A(), body: { external_id: '1', access_token: 't' } });
    expect(post.status).toBe(500);
    expect(post.text).toContain('at handler (/srv/app.js:12:3)');
    const unavailable = await listEA();
    expect(unavailable.status).toBe(503);
    expect(unavailable.json()).toMatchObject({ title: 'Service Unavailable' });
    const redirect = await listEA();
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://login.example/');
    expect((await listEA()).status).toBe(200);
    const t0 = Date.now();
    expect((await call(sim.url, 'GET', APPS, A())).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(180);
    expect((await call(sim.url, 'GET', '/_sim/faults')).json()).toEqual({ script: [] });
  });

  it('hang accepts and never answers (client times out); a hung script entry too', async () => {
    await faults({ hang: true });
    await expect(listEA(300)).rejects.toThrow();
    await faults({ script: [{ path: EA, hang: true }] });
    await expect(listEA(300)).rejects.toThrow();
    expect((await listEA()).status).toBe(200);
  });

  it('answerDelayMs makes the change at once but answers late', async () => {
    await faults({ script: [{ method: 'POST', path: `${EA}/messenger`, answerDelayMs: 300 }] });
    const body = { external_id: '770000000000001', access_token: 'EAAGlatelatelatelatelate' };
    await expect(call(sim.url, 'POST', `${EA}/messenger`, { ...A(), body, timeoutMs: 100 })).rejects.toThrow();
    await expect.poll(async () => (await call(sim.url, 'GET', `${EA}/messenger/770000000000001`, A())).status).toBe(200);
  });

  it('rejects a bad fault config', async () => {
    for (const bad of [
      { errorRate: 2 },
      { latencyMs: 'x' },
      { script: [{ path: '/x' }] },
      { script: [{ answerDelayMs: -1 }] },
      { rateLimit: { retryAfter: 5 } },
      [1],
    ]) {
      expect((await faults(bad)).status, JSON.stringify(bad)).toBe(400);
    }
  });
});

describe('request log and reset', () => {
  it('records every API request (also fault-answered ones) without secrets, and clears', async () => {
    await call(sim.url, 'DELETE', '/_sim/requests');
    const token = await jwt(keys.acme);
    await call(sim.url, 'GET', `${EA}?page_size=2&provider=rcs`, A());
    await call(sim.url, 'GET', EA, { auth: `Bearer ${token}` });
    await call(sim.url, 'GET', EA);
    await call(sim.url, 'GET', EA, { auth: basic({ ...ACME, apiSecret: 'bad' }) });
    await faults({ script: [{ status: 502 }] });
    await call(sim.url, 'GET', `${APPS}/x`, A());
    const res = await call(sim.url, 'GET', '/_sim/requests');
    const { requests } = res.json() as { requests: Record<string, unknown>[] };
    expect(requests.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'at')))).toEqual([
      { method: 'GET', path: EA, query: 'page_size=2&provider=rcs', auth: 'basic', apiKey: ACME.apiKey, status: 200 },
      { method: 'GET', path: EA, query: '', auth: 'bearer', apiKey: ACME.apiKey, status: 200 },
      { method: 'GET', path: EA, query: '', auth: 'none', apiKey: null, status: 401 },
      { method: 'GET', path: EA, query: '', auth: 'invalid', apiKey: null, status: 401 },
      { method: 'GET', path: `${APPS}/x`, query: '', auth: 'basic', apiKey: ACME.apiKey, status: 502 },
    ]);
    expect(Number.isNaN(Date.parse(requests[0]!.at as string))).toBe(false);
    expect(res.text).not.toContain(ACME.apiSecret);
    expect(res.text).not.toContain(token);
    await call(sim.url, 'DELETE', '/_sim/requests');
    expect((await call(sim.url, 'GET', '/_sim/requests')).json()).toEqual({ requests: [] });
  });

  it('reset reseeds, clears faults and the log', async () => {
    await call(sim.url, 'POST', `${EA}/messenger`, { ...A(), body: { external_id: '424242424242424', access_token: 't' } });
    await faults({ latencyMs: 1 });
    expect((await call(sim.url, 'POST', '/_sim/reset')).status).toBe(200);
    expect((await call(sim.url, 'GET', '/_sim/faults')).json()).toEqual({});
    expect((await call(sim.url, 'GET', '/_sim/requests')).json()).toEqual({ requests: [] });
    expect((await call(sim.url, 'GET', `${EA}/messenger/424242424242424`, A())).status).toBe(404);
    expect(((await call(sim.url, 'GET', `${EA}?page_size=100`, A())).json() as { _embedded: unknown[] })._embedded).toHaveLength(48);
  });
});
