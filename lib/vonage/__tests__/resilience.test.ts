import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '@/lib/config/load';
import { requestContext, setLogLevel } from '@/lib/log';
import { getAccount, linkApplication, listAccounts, unlinkApplication } from '../accounts';
import { breaker } from '../breaker';
import { deadline } from '../client';
import { UpstreamError } from '../errors';

/*
 * A tiny upstream whose behaviour each test sets: `handler` answers every request.
 * `sent` counts the body bytes it managed to write before the client stopped reading.
 */
type Handler = (url: string, res: ServerResponse) => void;
let server: Server;
let baseUrl = '';
let handler: Handler = (_u, res) => res.end();
const defaultDeadline = deadline.totalMs;
let calls = 0;
let sent = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    calls += 1;
    req.resume();
    req.on('end', () => handler(req.url ?? '', res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
let now = 0;
beforeEach(() => {
  calls = 0;
  sent = 0;
  now = Date.now();
  breaker.reset();
  breaker.now = () => now;
});
afterEach(() => {
  breaker.now = Date.now;
  deadline.totalMs = defaultDeadline;
});

const ws = (id = 'r'): Workspace => ({ id, name: id, apiKey: 'k', apiSecret: 's', jwt: null, baseUrl });
const account = { external_id: '447700900001', api_key: 'k', provider: 'whatsapp', applications: [] };
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_u, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
/** Writes 64 KiB chunks for as long as the client reads them. */
const endless =
  (status: number): Handler =>
  (_u, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) sent += chunk.length;
      if (!res.destroyed) res.once('drain', pump);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  };
const kindOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof UpstreamError ? e.kind : String(e)),
  );

describe('answers bounded while they stream', () => {
  it('stops reading an endless 200 at the 1 MiB cap: 502, and the upstream could send only a few MiB', async () => {
    handler = endless(200);
    expect(await kindOf(listAccounts(ws(), { page: 1, pageSize: 10 }))).toBe('bad_response');
    expect(sent).toBeLessThan(16 * 1024 * 1024);
  });

  it('an endless 2xx to a change is unconfirmed, not "nothing changed"', async () => {
    handler = endless(200);
    expect(await kindOf(linkApplication(ws(), 'whatsapp', '447700900001', 'a'))).toBe('unconfirmed');
  });

  it('stops reading at the deadline when a body trickles', async () => {
    deadline.totalMs = () => 300;
    handler = (_u, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"_embedded": [');
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 20);
    };
    const started = Date.now();
    expect(await kindOf(getAccount(ws(), 'whatsapp', '447700900001'))).toBe('timeout');
    // Without a deadline on the body this would never end; the margin is for a loaded machine.
    expect(Date.now() - started).toBeLessThan(300 + 1000);
  });
});

describe('shape errors are failures', () => {
  it('a list 200 of the wrong shape is bad_response, and five of them open the breaker', async () => {
    handler = json(200, { foo: 'x' });
    for (let i = 0; i < 5; i += 1) expect(await kindOf(listAccounts(ws(), { page: 1, pageSize: 10 }))).toBe('bad_response');
    expect(breaker.state(`r|${new URL(baseUrl).host}`)).toBe('open');
  });

  it('names an item that cannot be read in the log, with the request id', async () => {
    handler = json(200, { _embedded: [account, { external_id: 'broken-1' }], _links: {} });
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (lines.push(String(s)), true)) as typeof process.stderr.write;
    setLogLevel('warn');
    try {
      const page = await requestContext.run({ requestId: 'req-42' }, () => listAccounts(ws(), { page: 1, pageSize: 10 }));
      expect(page.items).toHaveLength(1);
    } finally {
      process.stderr.write = write;
      setLogLevel(null);
    }
    const line = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => String(l.msg).includes('skipped'));
    expect(line).toMatchObject({ requestId: 'req-42', index: 1, id: 'broken-1' });
  });

  it('caps a Retry-After passed on at 300 s and keeps upstream field names from the caller', async () => {
    handler = json(429, {}, { 'retry-after': '999999999' });
    const err = (await unlinkApplication(ws(), 'whatsapp', '1', 'a').catch((e: unknown) => e)) as UpstreamError;
    expect(err.extra.retryAfterSeconds).toBe(300);
    handler = json(400, { invalid_params: [{ name: 'secret_upstream_field', reason: 'x' }] });
    const bad = (await linkApplication(ws(), 'whatsapp', '1', 'a').catch((e: unknown) => e)) as UpstreamError;
    expect(bad.extra.invalidParams).toEqual([{ name: 'body', reason: 'Vonage rejected this value' }]);
  });
});

describe('a breaker that always recovers', () => {
  const key = () => `r|${new URL(baseUrl).host}`;

  it('counts requests, not attempts: two failing reads with retries leave it closed', async () => {
    handler = json(503, {});
    await kindOf(getAccount(ws(), 'whatsapp', '1'));
    await kindOf(getAccount(ws(), 'whatsapp', '1'));
    expect(calls).toBeGreaterThan(2);
    expect(breaker.state(key())).toBe('closed');
  });

  it('a probe refused while 256 upstream calls are in flight reports back, and the next probe closes it', async () => {
    const held: ServerResponse[] = [];
    handler = (u, res) => (u.includes('hold') ? held.push(res) : json(200, account)(u, res));
    const hanging = Array.from({ length: 256 }, () => kindOf(getAccount(ws('busy'), 'whatsapp', 'hold')));
    // The probe's workspace: opened by five failures, then past its open period.
    for (let i = 0; i < 5; i += 1) {
      const t = breaker.admit(key());
      if (!('waitMs' in t)) breaker.report(t, 'failure');
    }
    now += 5_000;
    await expect.poll(() => held.length).toBeGreaterThan(100);
    expect(await kindOf(getAccount(ws(), 'whatsapp', '447700900001'))).toBe('overloaded');
    handler = json(200, account);
    for (const res of held.splice(0)) handler('', res);
    await Promise.all(hanging);
    expect(await kindOf(getAccount(ws(), 'whatsapp', '447700900001'))).toBe('ok');
    expect(breaker.state(key())).toBe('closed');
  });
});
