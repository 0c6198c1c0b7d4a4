import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workspace } from '@/lib/config/load';
import { createMessengerAccount, getAccount, listAccounts, unlinkApplication } from '../accounts';
import { failFor } from '../answers';
import { transportFailure } from '../attempt';
import { breaker } from '../breaker';
import { buildUrl, deadline } from '../client';
import { UpstreamError } from '../errors';
import { applicationJwt } from '../jwt';
import { bffFieldName, itemLabel, tokenHint, toAccount, toApplication } from '../raw';
import { MAX_BODY_BYTES, readCapped } from '../read-body';
import { backoffMs, clock, parseRetryAfter, retryBudget } from '../retry';

/* What the upstream client promises its callers, each pinned where it is decided: limits, clock, retries, shapes. */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server;
let baseUrl = '';
let handler: Handler = (_q, res) => res.end();
let calls = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    calls += 1;
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
/** Fills the retry budget again (it holds 10), whatever a test spent. */
const refillBudget = () => {
  for (let i = 0; i < 60; i += 1) retryBudget.earn();
};
beforeEach(() => {
  calls = 0;
  breaker.reset();
  refillBudget();
  // No jitter: a retry's pause is 0 ms, so retries are counted, not waited for.
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => {
  vi.restoreAllMocks();
});

let wsCount = 0;
/** A workspace of its own per test: the breaker keeps its state per workspace. */
const ws = (): Workspace => ({ id: `l${(wsCount += 1)}`, name: 'L', apiKey: 'k', apiSecret: 's', jwt: null, baseUrl });
const account = { external_id: '447700900001', api_key: 'k', provider: 'whatsapp', applications: [] };
const reply =
  (status: number, body?: unknown, headers: Record<string, string> = {}): Handler =>
  (_q, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
  };
const replies =
  (...handlers: Handler[]): Handler =>
  (q, res) =>
    (handlers.shift() ?? reply(200, account))(q, res);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as UpstreamError,
  );

describe('the application JWT', () => {
  let pem = '';
  beforeAll(async () => {
    pem = await exportPKCS8((await generateKeyPair('RS256', { extractable: true })).privateKey);
  });

  it('is reused until a minute before its 5-minute expiry, then renewed', async () => {
    const key = `jwt-renew`;
    const t = 1_900_000_000;
    const first = await applicationJwt(key, 'app', pem, t);
    expect(await applicationJwt(key, 'app', pem, t + 239)).toBe(first);
    const renewed = await applicationJwt(key, 'app', pem, t + 240);
    expect(renewed).not.toBe(first);
    const payload = JSON.parse(Buffer.from(renewed.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ application_id: 'app', iat: t + 240, exp: t + 540 });
    expect(await applicationJwt(key, 'app', pem, t + 479)).toBe(renewed);
  });

  it('keeps workspaces’ tokens apart', async () => {
    const t = 1_900_000_000;
    const a = await applicationJwt('jwt-a', 'app-a', pem, t);
    const b = await applicationJwt('jwt-b', 'app-b', pem, t);
    expect(a).not.toBe(b);
  });

  it('tries a key that failed to import again on the next call', async () => {
    const key = 'jwt-bad-key';
    await expect(applicationJwt(key, 'app', 'not a key', 1_900_000_000)).rejects.toThrow();
    await new Promise((r) => setImmediate(r));
    await expect(applicationJwt(key, 'app', pem, 1_900_000_000)).resolves.toMatch(/^ey/);
  });
});

describe('calls in flight', () => {
  it('refuses the 257th call at once while 256 wait, and serves every call again once they are answered', async () => {
    const held: ServerResponse[] = [];
    handler = (_q, res) => held.push(res);
    const w = ws();
    const waiting = Array.from({ length: 256 }, () => failure(getAccount(w, 'whatsapp', '447700900001')));
    await vi.waitFor(() => expect(held.length).toBeGreaterThan(0), { timeout: 15_000 });
    const refused = await failure(getAccount(ws(), 'whatsapp', '447700900001'));
    expect(refused?.kind).toBe('overloaded');
    handler = reply(200, account);
    for (const res of held.splice(0)) reply(200, account)({} as IncomingMessage, res);
    await vi.waitFor(
      () => {
        for (const res of held.splice(0)) reply(200, account)({} as IncomingMessage, res);
        expect(calls).toBe(256);
      },
      { timeout: 15_000, interval: 20 },
    );
    expect((await Promise.all(waiting)).every((e) => e === null)).toBe(true);
    await expect(getAccount(ws(), 'whatsapp', '447700900001')).resolves.toMatchObject({ externalId: '447700900001' });
  });

  it('releases its place whatever the answer: 300 calls one after another (the cap is 256) all reach Vonage', async () => {
    handler = (q, res) => (calls % 3 === 0 ? reply(404)(q, res) : reply(200, account)(q, res));
    const w = ws();
    for (let i = 0; i < 300; i += 1) {
      const e = await failure(getAccount(w, 'whatsapp', '447700900001'));
      expect(e === null || e.kind === 'not_found').toBe(true);
    }
    expect(calls).toBe(300);
  }, 60_000);
});

describe('the body-size cap', () => {
  it('refuses an answer that declares more than 1 MiB', async () => {
    handler = (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) });
      res.write('{');
      setTimeout(() => res.destroy(), 50);
    };
    const e = await failure(getAccount(ws(), 'whatsapp', '447700900001'));
    expect(e).toMatchObject({ kind: 'bad_response', message: 'upstream body too large', extra: { status: 200 } });
  });

  it('reads a streamed body up to the cap and stops one byte past it', async () => {
    const stream = (sizes: number[]) => {
      const destroy = vi.fn();
      const body = {
        destroy,
        async *[Symbol.asyncIterator]() {
          for (const n of sizes) yield Buffer.alloc(n, 0x61);
        },
      };
      return { body: body as unknown as Parameters<typeof readCapped>[0], destroy };
    };
    const fits = stream([6, 4]);
    expect(await readCapped(fits.body, 10)).toBe('a'.repeat(10));
    expect(fits.destroy).not.toHaveBeenCalled();
    const over = stream([6, 5, 1000]);
    await expect(readCapped(over.body, 10)).rejects.toMatchObject({ kind: 'bad_response' });
    expect(over.destroy).toHaveBeenCalled();
    expect(MAX_BODY_BYTES).toBe(1024 * 1024);
  });

  it('takes a chunked answer just under 1 MiB and refuses one just over', async () => {
    const padded = (size: number): Handler => {
      const text = JSON.stringify({ ...account, name: '' });
      const body = text.replace('"name":""', `"name":"${'x'.repeat(size - text.length)}"`);
      return (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
        res.end(body);
      };
    };
    handler = padded(MAX_BODY_BYTES);
    expect((await getAccount(ws(), 'whatsapp', '447700900001')).name?.length).toBeGreaterThan(MAX_BODY_BYTES - 100);
    handler = padded(MAX_BODY_BYTES + 1);
    expect(await failure(getAccount(ws(), 'whatsapp', '447700900001'))).toMatchObject({ kind: 'bad_response', extra: { status: 200 } });
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['120', 120],
    [' 7 ', 7],
    ['0', 0],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30],
    ['Thu, 01 Jan 2026 00:00:30.5 GMT', 31],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['soon', null],
    ['', null],
    [null, null],
  ])('%j is %j seconds', (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds);
  });

  it('an HTTP-date on a 429 reaches the caller as seconds from now', async () => {
    handler = reply(429, {}, { 'retry-after': new Date(Date.now() + 90_000).toUTCString() });
    const e = await failure(unlinkApplication(ws(), 'whatsapp', '447700900001', 'a'));
    expect(e?.kind).toBe('rate_limited');
    expect(e?.extra.retryAfterSeconds).toBeGreaterThanOrEqual(88);
    expect(e?.extra.retryAfterSeconds).toBeLessThanOrEqual(90);
  });

  it('a 429 without Retry-After tells the caller to wait 1 second', async () => {
    handler = reply(429);
    expect((await failure(unlinkApplication(ws(), 'whatsapp', '447700900001', 'a')))?.extra.retryAfterSeconds).toBe(1);
  });
});

describe('retries', () => {
  it('a read answered 502, 503 or 504 is tried 3 times in all', async () => {
    for (const status of [502, 503, 504]) {
      calls = 0;
      handler = reply(status);
      expect(await failure(getAccount(ws(), 'whatsapp', '447700900001'))).toMatchObject({ kind: 'server_error', extra: { status } });
      expect(calls).toBe(3);
    }
  });

  it('a read answered 500 is not tried again, and its body is never passed on', async () => {
    handler = reply(500, 'Traceback: secret stack');
    const e = await failure(getAccount(ws(), 'whatsapp', '447700900001'));
    expect(e).toMatchObject({ kind: 'server_error', extra: { status: 500 } });
    expect(JSON.stringify(e?.extra)).not.toMatch(/stack/);
    expect(calls).toBe(1);
  });

  it('a read that recovers on its second try succeeds', async () => {
    handler = replies(reply(503), reply(200, account));
    await expect(getAccount(ws(), 'whatsapp', '447700900001')).resolves.toMatchObject({ externalId: '447700900001' });
    expect(calls).toBe(2);
  });

  it('a change is never retried', async () => {
    handler = reply(503);
    expect((await failure(unlinkApplication(ws(), 'whatsapp', '447700900001', 'a')))?.kind).toBe('server_error');
    expect(calls).toBe(1);
  });

  it('a read answered 429 with a short Retry-After waits and tries again; a longer one goes back at once', async () => {
    handler = replies(reply(429, {}, { 'retry-after': '0' }), reply(200, account));
    await expect(getAccount(ws(), 'whatsapp', '447700900001')).resolves.toMatchObject({ externalId: '447700900001' });
    expect(calls).toBe(2);
    calls = 0;
    handler = reply(429, {}, { 'retry-after': '3' });
    expect(await failure(getAccount(ws(), 'whatsapp', '447700900001'))).toMatchObject({
      kind: 'rate_limited',
      extra: { retryAfterSeconds: 3 },
    });
    expect(calls).toBe(1);
  });

  describe('on an injected clock', () => {
    let now = 0;
    let pauses: number[] = [];
    beforeEach(() => {
      now = 1_000_000;
      pauses = [];
      // Time moves only when the loop pauses: each wait is recorded and taken at once.
      vi.spyOn(clock, 'now').mockImplementation(() => now);
      vi.spyOn(clock, 'sleep').mockImplementation(async (ms: number) => {
        pauses.push(ms);
        now += ms;
      });
      vi.spyOn(deadline, 'totalMs').mockReturnValue(10_000);
    });

    it('a Retry-After of 2 s is waited out to the millisecond, and the read asked again; 3 s goes back', async () => {
      handler = replies(reply(429, {}, { 'retry-after': '2' }), reply(200, account));
      await expect(getAccount(ws(), 'whatsapp', '447700900001')).resolves.toMatchObject({ externalId: '447700900001' });
      expect(pauses).toEqual([2000]);
      expect(calls).toBe(2);
      calls = 0;
      pauses = [];
      handler = reply(429, {}, { 'retry-after': '3' });
      expect(await failure(getAccount(ws(), 'whatsapp', '447700900001'))).toMatchObject({ extra: { retryAfterSeconds: 3 } });
      expect(pauses).toEqual([]);
      expect(calls).toBe(1);
    });

    it('a 429 without Retry-After is not waited for, however short the backoff would be', async () => {
      handler = reply(429);
      expect(await failure(getAccount(ws(), 'whatsapp', '447700900001'))).toMatchObject({ kind: 'rate_limited' });
      expect(pauses).toEqual([]);
      expect(calls).toBe(1);
    });

    it('a wait that would end at or past the deadline is not begun: the answer goes back instead', async () => {
      // 10 s in all; the first answer comes 8 s in, so a 2 s wait would end exactly at the deadline.
      handler = (q, res) => {
        now += 8000;
        reply(429, {}, { 'retry-after': '2' })(q, res);
      };
      expect(await failure(getAccount(ws(), 'whatsapp', '447700900001'))).toMatchObject({
        kind: 'rate_limited',
        extra: { retryAfterSeconds: 2 },
      });
      expect(pauses).toEqual([]);
      expect(calls).toBe(1);
      // 7 s in, the same wait fits, and is taken.
      calls = 0;
      let first = true;
      handler = (q, res) => {
        if (first) now += 7000;
        (first ? reply(429, {}, { 'retry-after': '2' }) : reply(200, account))(q, res);
        first = false;
      };
      await expect(getAccount(ws(), 'whatsapp', '447700900001')).resolves.toMatchObject({ externalId: '447700900001' });
      expect(pauses).toEqual([2000]);
      expect(calls).toBe(2);
    });

    it('a 503 backs off by the jittered exponential pause, measured from the clock it is given', async () => {
      vi.spyOn(Math, 'random').mockReturnValue(0.5);
      handler = replies(reply(503), reply(503), reply(200, account));
      await expect(getAccount(ws(), 'whatsapp', '447700900001')).resolves.toBeTruthy();
      expect(pauses).toEqual([100, 200]);
    });
  });

  it('a read whose upstream is unreachable is tried 3 times', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const spend = vi.spyOn(retryBudget, 'spend');
    const e = await failure(getAccount({ ...ws(), baseUrl: `http://127.0.0.1:${port}` }, 'whatsapp', '447700900001'));
    expect(e?.kind).toBe('unreachable');
    expect(spend).toHaveBeenCalledTimes(2);
  });

  it('stops retrying when the budget is spent, and earns a retry back every 5 calls', async () => {
    while (retryBudget.spend());
    handler = reply(503);
    await failure(getAccount(ws(), 'whatsapp', '447700900001'));
    // The call itself earned a fifth of a retry: not enough for one.
    expect(calls).toBe(1);
    for (let i = 0; i < 4; i += 1) retryBudget.earn();
    calls = 0;
    handler = replies(reply(503), reply(200, account));
    await expect(getAccount(ws(), 'whatsapp', '447700900001')).resolves.toBeTruthy();
    expect(calls).toBe(2);
  });

  it('the budget holds at most 10 retries', () => {
    refillBudget();
    let spent = 0;
    while (retryBudget.spend()) spent += 1;
    expect(spent).toBe(10);
    for (let i = 0; i < 4; i += 1) retryBudget.earn();
    expect(retryBudget.spend()).toBe(false);
    retryBudget.earn();
    expect(retryBudget.spend()).toBe(true);
  });

  it('backs off exponentially with full jitter, at most 1 s', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    expect([1, 2, 3, 4, 10].map(backoffMs)).toEqual([100, 200, 400, 500, 500]);
  });
});

describe('answers that are not what the operation expects', () => {
  const answer = (status: number, body: unknown = null, retryAfterSeconds: number | null = null) => ({ status, body, retryAfterSeconds });
  const kindOf = (fn: () => never) => {
    try {
      fn();
    } catch (e) {
      return (e as UpstreamError).kind;
    }
  };
  it.each([
    [400, 'invalid'],
    [401, 'credentials_refused'],
    [403, 'credentials_refused'],
    [404, 'not_found'],
    [429, 'rate_limited'],
    [200, 'bad_response'],
    [409, 'bad_response'],
    [418, 'bad_response'],
    [422, 'bad_response'],
  ])('an unmapped %i is %s', (status, kind) => {
    expect(kindOf(() => failFor(answer(status)))).toBe(kind);
  });

  it('only a 429 carries a Retry-After', () => {
    try {
      failFor(answer(418, null, 5));
    } catch (e) {
      expect((e as UpstreamError).extra).toEqual({ status: 418 });
    }
  });

  it('an override gives a status its meaning for one operation', () => {
    expect(kindOf(() => failFor(answer(409), { 409: 'already_linked' }))).toBe('already_linked');
  });

  it('names at most 10 invalid fields, in our names, from either upstream spelling', () => {
    const params = Array.from({ length: 12 }, () => ({ name: 'page_size', reason: 'echo <b>' }));
    try {
      failFor(answer(400, { invalid_parameters: params }));
    } catch (e) {
      expect((e as UpstreamError).extra.invalidParams).toEqual(Array(10).fill({ name: 'pageSize', reason: 'Vonage rejected this value' }));
    }
    try {
      failFor(answer(400, 'not json'));
    } catch (e) {
      expect((e as UpstreamError).extra.invalidParams).toEqual([]);
    }
  });

  it('a 302 is not followed: only the first address is asked', async () => {
    const asked: string[] = [];
    handler = (q, res) => {
      asked.push(q.url ?? '');
      if (asked.length === 1) reply(302, undefined, { location: `${baseUrl}/elsewhere` })(q, res);
      else reply(204)(q, res);
    };
    expect(await failure(unlinkApplication(ws(), 'whatsapp', '447700900001', 'a'))).toMatchObject({
      kind: 'bad_response',
      message: 'upstream redirected; not followed',
      extra: { status: 302 },
    });
    expect(asked).toEqual(['/beta/chatapp-accounts/whatsapp/447700900001/applications/a']);
  });

  it('a change answered 2xx with a body that cannot be read is unconfirmed; a read is bad_response', async () => {
    handler = reply(201, '{');
    expect(await failure(createMessengerAccount(ws(), { externalId: '1', accessToken: 't' }))).toMatchObject({
      kind: 'unconfirmed',
      extra: { status: 201 },
    });
    handler = reply(200, '{');
    expect((await failure(getAccount(ws(), 'whatsapp', '447700900001')))?.kind).toBe('bad_response');
    handler = reply(400, '{not json');
    expect((await failure(createMessengerAccount(ws(), { externalId: '1', accessToken: 't' })))?.kind).toBe('invalid');
  });

  it('an error answer without a body is still mapped by its status', async () => {
    handler = reply(404);
    expect((await failure(getAccount(ws(), 'whatsapp', '447700900001')))?.kind).toBe('not_found');
  });
});

describe('transport failures', () => {
  const timeout = new DOMException('t', 'TimeoutError');
  it.each([
    ['a timeout of a read', timeout, false, 'timeout'],
    ['a timeout of a change', timeout, true, 'unconfirmed'],
    ['an abort of a change', new DOMException('a', 'AbortError'), true, 'unconfirmed'],
    ['undici’s body timeout of a read', { code: 'UND_ERR_BODY_TIMEOUT' }, false, 'timeout'],
    ['undici’s headers timeout of a change', { code: 'UND_ERR_HEADERS_TIMEOUT' }, true, 'unconfirmed'],
    ['undici’s abort of a read', { code: 'UND_ERR_ABORTED' }, false, 'timeout'],
    ['a refused connection for a change', { code: 'ECONNREFUSED' }, true, 'unreachable'],
    ['a refused connection (as a cause) for a change', { cause: { code: 'ENOTFOUND' } }, true, 'unreachable'],
    ['a connect timeout for a change', { code: 'UND_ERR_CONNECT_TIMEOUT' }, true, 'unreachable'],
    ['a reset connection for a change', { code: 'ECONNRESET' }, true, 'unconfirmed'],
    ['a reset connection for a read', { code: 'ECONNRESET' }, false, 'unreachable'],
    ['anything else for a read', new Error('x'), false, 'unreachable'],
  ])('%s is %s', (_name, error, change, kind) => {
    expect(transportFailure(error, change).kind).toBe(kind);
  });

  it('a timed-out change says so (the BFF answers 504)', () => {
    expect(transportFailure(timeout, true).extra.timedOut).toBe(true);
    expect(transportFailure({ code: 'ECONNRESET' }, true).extra.timedOut).toBeUndefined();
  });

  it('an UpstreamError passes as it is', () => {
    const e = new UpstreamError('not_found', 'x');
    expect(transportFailure(e, true)).toBe(e);
  });
});

describe('raw shapes to domain types', () => {
  it.each([
    [null, null],
    ['', null],
    ['12345678901', null],
    ['123456789012', '9012'],
    ['EAAGsecretsecretABCD', 'ABCD'],
  ])('the hint of the Page token %j is %j', (token, hint) => {
    expect(tokenHint(token)).toBe(hint);
  });

  it('an account: nulls become empty, and only a Messenger account has a token hint', () => {
    const raw = { external_id: '1', api_key: 'k', provider: 'whatsapp' as const, access_token: 'secretsecretABCD' };
    expect(toAccount(raw)).toEqual({
      provider: 'whatsapp',
      externalId: '1',
      name: null,
      applications: [],
      apiKey: 'k',
      accessTokenHint: null,
    });
    expect(toAccount({ ...raw, provider: 'messenger', name: 'N', applications: ['a'] })).toMatchObject({
      name: 'N',
      applications: ['a'],
      accessTokenHint: 'ABCD',
    });
  });

  it('an application: its Messages capability and webhooks, or none', () => {
    expect(toApplication({ id: 'a', name: 'A' })).toEqual({ id: 'a', name: 'A', messages: false, inboundUrl: null, statusUrl: null });
    expect(
      toApplication({
        id: 'a',
        name: 'A',
        capabilities: { messages: { webhooks: { inbound_url: { address: 'https://i' }, status_url: { address: 'https://s' } } } },
      }),
    ).toEqual({ id: 'a', name: 'A', messages: true, inboundUrl: 'https://i', statusUrl: 'https://s' });
    expect(toApplication({ id: 'a', name: 'A', capabilities: { messages: {} } })).toMatchObject({ messages: true, inboundUrl: null });
  });

  it.each([
    ['external_id', 'externalId'],
    ['access_token', 'accessToken'],
    ['applications', 'applicationId'],
    ['application', 'applicationId'],
    ['page_number', 'page'],
    ['page_size', 'pageSize'],
    ['name', 'name'],
    ['provider', 'provider'],
    ['api_secret', 'body'],
    ['__proto__', 'body'],
    ['constructor', 'body'],
  ])('the upstream field %s is %s to the browser', (upstream, ours) => {
    expect(bffFieldName(upstream)).toBe(ours);
  });

  it('names a list item by position and id, capped', () => {
    expect(itemLabel({ external_id: 'x'.repeat(100) }, 2)).toEqual({ index: 2, id: 'x'.repeat(64) });
    expect(itemLabel({ id: 'app' }, 0)).toEqual({ index: 0, id: 'app' });
    expect(itemLabel({ external_id: 5 }, 1)).toEqual({ index: 1 });
    expect(itemLabel(null, 3)).toEqual({ index: 3 });
  });

  it('a list: skips items that are not accounts, reads paging from _links', async () => {
    handler = reply(200, { _embedded: [account, { hello: 1 }], _links: { last: { href: '/x?page_number=0' } } });
    expect(await listAccounts(ws(), { page: 1, pageSize: 10 })).toEqual({
      items: [expect.objectContaining({ externalId: '447700900001' })],
      page: 1,
      pageSize: 10,
      hasPrev: false,
      hasNext: false,
      lastPage: null,
    });
  });
});

describe('buildUrl', () => {
  it('leaves out an undefined query value and encodes each segment', () => {
    const url = buildUrl({ workspace: ws(), api: 'applications', segments: ['a b'], query: { page: 1, capability: undefined } });
    expect(url.pathname).toBe('/v2/applications/a%20b');
    expect(url.search).toBe('?page=1');
  });

  it('refuses a base URL whose path would change the origin', () => {
    expect(() => buildUrl({ workspace: { ...ws(), baseUrl: 'http://a.test@' }, api: 'accounts' })).toThrow();
  });
});
