/**
 * The fault semantics the console's failure tests trust: a faulted request changes nothing, a script entry
 * answers only the method and path it names, the shapes of scripted answers; and a body without Content-Type is 415.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkFaultConfig, latencyOf } from '../faults';
import { ACME, APPS, basic, call, EA, makeTenants, reset, start } from './helpers';

type Sim = Awaited<ReturnType<typeof start>>;
let sim: Sim;
const A = () => ({ auth: basic(ACME) });
const faults = (config: unknown) => call(sim.url, 'PUT', '/_sim/faults', { body: config });
const account = (id: string) => call(sim.url, 'GET', `${EA}/messenger/${id}`, A());
const create = (id: string) => call(sim.url, 'POST', `${EA}/messenger`, { ...A(), body: { external_id: id, access_token: 'EAAGtoken' } });

beforeAll(async () => {
  sim = await start((await makeTenants()).tenants);
});
afterAll(() => sim?.close());
beforeEach(() => reset(sim.url));

describe('a faulted request changes nothing', () => {
  it.each([
    ['a scripted 502', { script: [{ method: 'POST', status: 502 }] }, 502],
    ['a scripted 201 that Vonage never made', { script: [{ method: 'POST', status: 201, body: {} }] }, 201],
    ['errorRate 1', { errorRate: 1, errorStatus: 503 }, 503],
    ['a rate limit', { rateLimit: { retryAfter: '3' } }, 429],
  ])('%s', async (_name, config, status) => {
    await faults(config);
    expect((await create('660000000000001')).status).toBe(status);
    await call(sim.url, 'DELETE', '/_sim/faults');
    expect((await account('660000000000001')).status).toBe(404);
  });

  it('a scripted answer to a delete leaves the account there', async () => {
    expect((await create('660000000000002')).status).toBe(201);
    await faults({ script: [{ method: 'DELETE', status: 500 }] });
    expect((await call(sim.url, 'DELETE', `${EA}/messenger/660000000000002`, A())).status).toBe(500);
    expect((await account('660000000000002')).status).toBe(200);
  });
});

describe('script entries', () => {
  it('answer only the method they name', async () => {
    await faults({ script: [{ method: 'get', path: EA, status: 503 }] });
    expect((await create('660000000000003')).status).toBe(201);
    expect((await call(sim.url, 'GET', EA, A())).status).toBe(503);
    expect((await call(sim.url, 'GET', EA, A())).status).toBe(200);
  });

  it('answer only paths under the one they name', async () => {
    await faults({ script: [{ path: APPS, status: 500 }] });
    expect((await call(sim.url, 'GET', EA, A())).status).toBe(200);
    expect((await call(sim.url, 'GET', `${APPS}/x`, A())).status).toBe(500);
    expect((await call(sim.url, 'GET', '/_sim/faults')).json()).toEqual({ script: [] });
  });

  it('a 429 gets Retry-After 1 unless it names its own; an error without a body gets the upstream’s error body', async () => {
    await faults({ script: [{ status: 429 }, { status: 429, headers: { 'retry-after': '9' } }, { status: 204 }, { status: 503 }] });
    const first = await call(sim.url, 'GET', EA, A());
    expect(first.headers.get('retry-after')).toBe('1');
    expect(first.json()).toMatchObject({ title: 'Too Many Requests' });
    expect((await call(sim.url, 'GET', EA, A())).headers.get('retry-after')).toBe('9');
    const empty = await call(sim.url, 'GET', EA, A());
    expect([empty.status, empty.text]).toEqual([204, '']);
    expect((await call(sim.url, 'GET', EA, A())).json()).toMatchObject({ title: 'Service Unavailable' });
  });

  it('a string body is sent as it is, as text unless the entry names a type', async () => {
    await faults({
      script: [
        { status: 502, body: '<h1>Bad gateway</h1>' },
        { status: 200, body: '{"x":', headers: { 'Content-Type': 'application/json' } },
      ],
    });
    const html = await call(sim.url, 'GET', EA, A());
    expect([html.status, html.text, html.headers.get('content-type')]).toEqual([502, '<h1>Bad gateway</h1>', 'text/plain; charset=utf-8']);
    const broken = await call(sim.url, 'GET', EA, A());
    expect([broken.text, broken.headers.get('content-type')]).toEqual(['{"x":', 'application/json']);
  });
});

describe('bodies', () => {
  /** A POST with a body and no Content-Type at all (fetch would add text/plain). */
  const untyped = (body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${sim.url}${EA}/messenger`, { method: 'POST', headers: { Authorization: basic(ACME) } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('a body without Content-Type is 415 and makes nothing', async () => {
    const res = await untyped(JSON.stringify({ external_id: '660000000000004', access_token: 't' }));
    expect(res.status).toBe(415);
    expect(JSON.parse(res.text)).toMatchObject({ title: 'Unsupported Content-Type header' });
    expect((await account('660000000000004')).status).toBe(404);
  });

  it('no body and no Content-Type is a body that is missing its fields (400)', async () => {
    const res = await untyped('');
    expect(res.status).toBe(400);
  });

  it('application/json with parameters is JSON', async () => {
    const res = await call(sim.url, 'POST', `${EA}/messenger`, {
      ...A(),
      body: JSON.stringify({ external_id: '660000000000005', access_token: 't' }),
      headers: { 'Content-Type': 'Application/JSON; charset=utf-8' },
    });
    expect(res.status).toBe(201);
  });
});

describe('latency jitter', () => {
  it('spreads each wait uniformly over latencyMs ± latencyJitterMs, never below 0', () => {
    expect(latencyOf({ latencyMs: 50, latencyJitterMs: 20 }, () => 0)).toBe(30);
    expect(latencyOf({ latencyMs: 50, latencyJitterMs: 20 }, () => 0.5)).toBe(50);
    expect(latencyOf({ latencyMs: 50, latencyJitterMs: 20 }, () => 1)).toBe(70);
    expect(latencyOf({ latencyMs: 10, latencyJitterMs: 20 }, () => 0)).toBe(0);
    expect(latencyOf({ latencyMs: 50 }, () => 0)).toBe(50);
    expect(latencyOf({ latencyJitterMs: 20 }, () => 1)).toBe(0);
  });
});

describe('fault config', () => {
  it.each([
    [{}, null],
    [{ latencyMs: 0, errorRate: 0, errorStatus: 100, hang: false, rateLimit: null, script: [] }, null],
    [{ errorRate: 1, errorStatus: 599 }, null],
    [{ script: [{ hang: true }, { passThrough: true }, { answerDelayMs: 0 }, { status: 200, delayMs: 0, headers: { a: 'b' } }] }, null],
    [null, 'fault config must be a JSON object'],
    [[], 'fault config must be a JSON object'],
    [{ latencyMs: -1 }, 'latencyMs must be >= 0'],
    [{ latencyMs: Infinity }, 'latencyMs must be >= 0'],
    [{ latencyMs: 50, latencyJitterMs: 20 }, null],
    [{ latencyMs: 50, latencyJitterMs: -1 }, 'latencyJitterMs must be >= 0'],
    [{ latencyMs: 50, latencyJitterMs: '20' }, 'latencyJitterMs must be >= 0'],
    [{ errorRate: -0.1 }, 'errorRate must be between 0 and 1'],
    [{ errorRate: 1.1 }, 'errorRate must be between 0 and 1'],
    [{ errorRate: '1' }, 'errorRate must be between 0 and 1'],
    [{ errorStatus: 99 }, 'errorStatus must be an HTTP status'],
    [{ errorStatus: 600 }, 'errorStatus must be an HTTP status'],
    [{ errorStatus: 500.5 }, 'errorStatus must be an HTTP status'],
    [{ rateLimit: {} }, 'rateLimit must be {retryAfter: string} or null'],
    [{ rateLimit: 'soon' }, 'rateLimit must be {retryAfter: string} or null'],
    [{ hang: 1 }, 'hang must be a boolean'],
    [{ script: {} }, 'script must be an array'],
    [{ script: [1] }, 'script[0] must be an object'],
    [{ script: [{ hang: true }, { status: 1000 }] }, 'script[1].status must be an HTTP status'],
    [{ script: [{ status: 200, delayMs: -1 }] }, 'script[0].delayMs must be >= 0'],
    [{ script: [{ status: 200, delayMs: 'x' }] }, 'script[0].delayMs must be >= 0'],
    [{ script: [{ answerDelayMs: -1 }] }, 'script[0].answerDelayMs must be >= 0'],
    [{ script: [{ answerDelayMs: 'x' }] }, 'script[0].answerDelayMs must be >= 0'],
    [{ script: [{ status: 200, headers: { a: 1 } }] }, 'script[0].headers must map names to strings'],
    [{ script: [{ status: 200, headers: 'a' }] }, 'script[0].headers must map names to strings'],
    [{ script: [{ path: '/x' }] }, 'script[0] needs status, hang, passThrough or answerDelayMs'],
  ])('%j: %j', (config, problem) => {
    expect(checkFaultConfig(config)).toBe(problem);
  });

  it('the control API answers a bad config 400 with the problem, and keeps the config it had', async () => {
    await faults({ latencyMs: 1 });
    const res = await faults({ errorRate: 5 });
    expect([res.status, res.json()]).toEqual([400, { error: 'errorRate must be between 0 and 1' }]);
    expect((await call(sim.url, 'GET', '/_sim/faults')).json()).toEqual({ latencyMs: 1 });
    const notJson = await call(sim.url, 'PUT', '/_sim/faults', { body: '{', headers: { 'Content-Type': 'application/json' } });
    expect([notJson.status, notJson.json()]).toEqual([400, { error: 'body must be JSON' }]);
    expect((await call(sim.url, 'GET', '/_sim/nope')).status).toBe(404);
    const wrong = await call(sim.url, 'POST', '/_sim/requests');
    expect([wrong.status, wrong.headers.get('allow')]).toEqual([405, 'GET, DELETE']);
  });
});
