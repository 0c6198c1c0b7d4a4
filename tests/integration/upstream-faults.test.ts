import { afterEach, describe, expect, it } from 'vitest';
import { call, sim, stack, until, upstreamCallsDuring } from '../support/api';

// Globex carries the faults so a tripped circuit breaker never touches acme's tests.
const list = '/api/workspaces/globex/accounts?pageSize=2';
const create = '/api/workspaces/globex/accounts/messenger';
const body = { externalId: '990000000004444', accessToken: 'EAAGfaultfaultfaultfaultfault' };

function secretsIn(text: string): string[] {
  const s = stack().secrets;
  return [
    s.acme.apiSecret,
    s.globex.apiSecret,
    s.nextauthSecret,
    'Basic ',
    'Bearer ',
    'at Object.',
    'node_modules',
    '127.0.0.1:',
    'EAAGleak',
  ].filter((x) => text.includes(x));
}

afterEach(async () => {
  await sim.clearFaults();
  // After a test that tripped the (shortened) circuit breaker: the next test starts once globex is served again.
  await until('globex served again (circuit closed)', async () => (await call('support', 'GET', list)).status === 200);
});

describe('error mapping (R9, A22)', () => {
  it.each([
    [500, 502],
    [502, 502],
    [503, 502],
  ])('upstream %i with a stack trace and echoed credentials → %i with our own words', async (upstream, ours) => {
    await sim.faults({
      script: Array.from({ length: 3 }, () => ({
        status: upstream,
        body: {
          error: 'at Object.<anonymous> (/srv/node_modules/x.js:1:1)',
          auth: `Basic ${stack().secrets.globex.apiSecret}`,
          url: 'http://127.0.0.1:1/x',
        },
      })),
    });
    const res = await call('support', 'GET', list);
    expect(res.status).toBe(ours);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(secretsIn(res.text + JSON.stringify([...res.headers]))).toEqual([]);
  });

  it('upstream 401 (our credentials refused) → 502, and the browser session still works (R11)', async () => {
    await sim.faults({ script: [{ status: 401, body: { title: 'Unauthorised', detail: 'Invalid Token' } }] });
    const res = await call('globex', 'GET', list);
    expect(res.status).toBe(502);
    expect((await call('globex', 'GET', list)).status).toBe(200);
  });

  it('upstream 403 on a read → 502', async () => {
    await sim.faults({ script: [{ status: 403, body: { title: 'Wrong authentication' } }] });
    expect((await call('support', 'GET', list)).status).toBe(502);
  });

  it('a success body carrying access_token is shaped, never passed through', async () => {
    await sim.faults({
      script: [
        {
          status: 200,
          body: {
            page_number: 1,
            page_size: 2,
            _embedded: [
              { provider: 'messenger', external_id: '1234567890', api_key: 'k', access_token: 'EAAGleakleakleakleakleak', secret: 'x' },
            ],
            _links: {},
          },
        },
      ],
    });
    const res = await call('support', 'GET', list);
    expect(res.status).toBe(200);
    expect(secretsIn(res.text)).toEqual([]);
    expect(res.json.items[0]).toEqual({
      provider: 'messenger',
      externalId: '1234567890',
      name: null,
      applications: [],
      apiKey: 'k',
      accessTokenHint: 'leak',
    });
  });

  it('a body that is not JSON → 502', async () => {
    await sim.faults({ script: [{ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>oops</html>' }] });
    expect((await call('support', 'GET', list)).status).toBe(502);
  });

  it('a 200 of the wrong shape is a 502, not an empty list', async () => {
    await sim.faults({ script: [{ status: 200, body: { foo: 'x' } }] });
    const res = await call('support', 'GET', list);
    expect(res.status).toBe(502);
    expect(res.json.type).toBe('/problems/upstream-failed');
  });

  it('a 302 to elsewhere is not followed (A6)', async () => {
    const calls = await upstreamCallsDuring(async () => {
      await sim.faults({ script: [{ status: 302, headers: { location: 'http://127.0.0.1:9/steal' } }] });
      const res = await call('support', 'POST', create, { body });
      expect(res.status).toBe(502);
      expect(res.headers.get('location')).toBeNull();
    });
    expect(calls).toHaveLength(1);
  });
});

describe('429 and Retry-After (R5)', () => {
  it('a long Retry-After goes back to the browser as 429 with the header', async () => {
    await sim.faults({ rateLimit: { retryAfter: '120' } });
    const started = Date.now();
    const res = await call('support', 'GET', list);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('120');
    // Passed back at once, not waited out (120 s): a bound a loaded machine cannot break by accident.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a short Retry-After on a read is waited out', async () => {
    await sim.faults({ script: [{ status: 429, headers: { 'retry-after': '1' }, body: { title: 'Too Many Requests' } }] });
    const started = Date.now();
    const res = await call('support', 'GET', list);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('a 429 on a mutation is passed back, not retried', async () => {
    const calls = await upstreamCallsDuring(async () => {
      await sim.faults({ script: [{ status: 429, headers: { 'retry-after': '1' }, body: { title: 'Too Many Requests' } }] });
      const res = await call('support', 'POST', create, { body });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
    });
    expect(calls).toHaveLength(1);
  });
});

describe('retries (R2) and timeouts (R1)', () => {
  it('a read succeeds through 503, 503, 200 within 3 attempts', async () => {
    const calls = await upstreamCallsDuring(async () => {
      await sim.faults({ script: [{ status: 503 }, { status: 503 }] });
      expect((await call('support', 'GET', list)).status).toBe(200);
    });
    expect(calls.map((c) => c.status)).toEqual([503, 503, 200]);
  });

  it('a POST that meets a 503 reaches the upstream exactly once', async () => {
    const calls = await upstreamCallsDuring(async () => {
      await sim.faults({ script: [{ status: 503 }] });
      expect((await call('support', 'POST', create, { body })).status).toBe(502);
    });
    expect(calls).toHaveLength(1);
  });

  it('a hanging upstream is a 504 within the deadline + 10 %', async () => {
    await sim.faults({ hang: true });
    const started = Date.now();
    const res = await call('support', 'POST', create, { body });
    const took = Date.now() - started;
    expect(res.status).toBe(504);
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(1500 * 1.1 + 200);
  });
});

describe('circuit breaker (R6)', () => {
  it('opens after 5 consecutive failures: then fast 503 with Retry-After and no upstream call; recovers after', async () => {
    // A success first: the breaker counts consecutive failures, and earlier tests left some.
    expect((await call('support', 'GET', list)).status).toBe(200);
    await sim.faults({
      script: Array.from({ length: 5 }, () => ({ method: 'POST', path: '/beta/chatapp-accounts/messenger', status: 500 })),
    });
    for (let i = 0; i < 5; i += 1) expect((await call('support', 'POST', create, { body })).status).toBe(502);
    const calls = await upstreamCallsDuring(async () => {
      const started = Date.now();
      const res = await call('support', 'GET', list);
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      // Without waiting on anything: well inside the upstream deadline (1.5 s) whatever the machine's load.
      expect(Date.now() - started).toBeLessThan(1500);
    });
    expect(calls).toEqual([]);
    // acme is another circuit: unaffected.
    expect((await call('support', 'GET', '/api/workspaces/acme/accounts?pageSize=1')).status).toBe(200);
    await sim.clearFaults();
    // Once its open period is over, the next call is a probe that closes it.
    await until('the circuit closes after its open period', async () => (await call('support', 'GET', list)).status === 200);
  });
});
