import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workspace } from '@/lib/config/load';
import { setLogLevel } from '@/lib/log';
import { exportPKCS8, generateKeyPair } from 'jose';
import { createMessengerAccount, getAccount, linkApplication } from '../accounts';
import { applicationJwt } from '../jwt';
import { MAX_BODY_BYTES } from '../read-body';
import { toApplication } from '../raw';
import { parseRetryAfter } from '../retry';
import { breaker } from '../breaker';
import type { UpstreamError } from '../errors';
import { retryBudget } from '../retry';

/* What an operator reads of each upstream attempt, and which answers count against Vonage's health. */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server;
let baseUrl = '';
let handler: Handler = (_q, res) => res.end();

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  breaker.reset();
  for (let i = 0; i < 60; i += 1) retryBudget.earn();
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => {
  vi.restoreAllMocks();
  setLogLevel(null);
});

let wsCount = 0;
const ws = (): Workspace => ({ id: `log${(wsCount += 1)}`, name: 'L', apiKey: 'k', apiSecret: 's', jwt: null, baseUrl });
const account = { external_id: '447700900001', api_key: 'k', provider: 'whatsapp', applications: [] };
const reply =
  (status: number, body?: unknown): Handler =>
  (_q, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
  };
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as UpstreamError,
  );

/** The `upstream` lines logged while `run` runs. */
async function upstreamLines(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (lines.push(String(s)), true));
  setLogLevel('info');
  try {
    await run();
  } finally {
    setLogLevel(null);
    vi.mocked(process.stdout.write).mockRestore();
  }
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'upstream');
}

describe('each attempt is logged', () => {
  it('with its operation, method, status, attempt number and the breaker’s state', async () => {
    const answers = [reply(503), reply(200, account)];
    handler = (q, res) => answers.shift()!(q, res);
    const lines = await upstreamLines(() => getAccount(ws(), 'whatsapp', '447700900001'));
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', op: 'getAccount', method: 'GET', status: 503, attempt: 1, breaker: 'closed' }),
      expect.objectContaining({ op: 'getAccount', method: 'GET', status: 200, attempt: 2, breaker: 'closed' }),
    ]);
    for (const l of lines) expect(l.ms).toEqual(expect.any(Number));
  });

  it('a failure that never reached an answer is logged by its kind', async () => {
    const gone: Workspace = { ...ws(), baseUrl: 'http://127.0.0.1:9' };
    const lines = await upstreamLines(() => failure(linkApplication(gone, 'whatsapp', '1', 'a')));
    expect(lines).toEqual([expect.objectContaining({ op: 'linkApplication', method: 'POST', status: 'unreachable', attempt: 1 })]);
  });
});

describe('what counts against Vonage’s health', () => {
  const host = () => new URL(baseUrl).host;

  it('a 4xx is a healthy Vonage: it clears the failures before it', async () => {
    const w = ws();
    handler = reply(500);
    for (let i = 0; i < 4; i += 1) await failure(getAccount(w, 'whatsapp', '1'));
    handler = reply(404);
    expect((await failure(getAccount(w, 'whatsapp', '1')))?.kind).toBe('not_found');
    handler = reply(500);
    for (let i = 0; i < 4; i += 1) await failure(getAccount(w, 'whatsapp', '1'));
    expect(breaker.state(`${w.id}|${host()}`)).toBe('closed');
    await failure(getAccount(w, 'whatsapp', '1'));
    expect(breaker.state(`${w.id}|${host()}`)).toBe('open');
  });

  it('an answer of the wrong shape is a failure: five open the breaker', async () => {
    const w = ws();
    handler = reply(200, { not: 'an account' });
    for (let i = 0; i < 5; i += 1) expect((await failure(getAccount(w, 'whatsapp', '1')))?.kind).toBe('bad_response');
    expect(breaker.state(`${w.id}|${host()}`)).toBe('open');
    const refused = await failure(getAccount(w, 'whatsapp', '1'));
    expect(refused).toMatchObject({ name: 'UpstreamError', kind: 'circuit_open', extra: { retryAfterSeconds: 5 } });
  });
});

describe('a change whose answer cannot be read', () => {
  it('is unconfirmed for any 2xx (200 as 201): Vonage may have made it', async () => {
    for (const status of [200, 201]) {
      handler = reply(status, '{');
      expect(await failure(linkApplication(ws(), 'whatsapp', '1', 'a'))).toMatchObject({ kind: 'unconfirmed', extra: { status } });
    }
  });

  it('is what its status says outside 2xx: a 300 is a broken answer, nothing was made', async () => {
    handler = reply(300, '{');
    expect(await failure(createMessengerAccount(ws(), { externalId: '1', accessToken: 't' }))).toMatchObject({
      kind: 'bad_response',
      extra: { status: 300 },
    });
  });
});

describe('what is sent and read', () => {
  it('a read asks for JSON and sends no body type; a change sends its JSON body as JSON', async () => {
    const seen: { method?: string; accept?: string; type?: string }[] = [];
    handler = (q, res) => {
      seen.push({ method: q.method, accept: q.headers.accept, type: q.headers['content-type'] });
      reply(200, account)(q, res);
    };
    await getAccount(ws(), 'whatsapp', '447700900001');
    await linkApplication(ws(), 'whatsapp', '447700900001', 'a');
    expect(seen).toEqual([
      { method: 'GET', accept: 'application/json', type: undefined },
      { method: 'POST', accept: 'application/json', type: 'application/json' },
    ]);
  });

  it('an answer that declares exactly 1 MiB is read', async () => {
    const body = JSON.stringify(account).padEnd(MAX_BODY_BYTES, ' ');
    handler = (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES) });
      res.end(body);
    };
    expect(await getAccount(ws(), 'whatsapp', '447700900001')).toMatchObject({ externalId: '447700900001' });
  });

  it('a Retry-After is a whole number of seconds, the whole of it, or a date', () => {
    expect(parseRetryAfter(' 7 ')).toBe(7);
    for (const v of ['5x', 'x5', '12abc', 'abc12']) expect(parseRetryAfter(v, 0)).toBeNull();
  });

  it('an application whose webhooks are null has no addresses', () => {
    expect(
      toApplication({ id: 'a', name: 'A', capabilities: { messages: { webhooks: { inbound_url: null, status_url: null } } } }),
    ).toEqual({ id: 'a', name: 'A', messages: true, inboundUrl: null, statusUrl: null });
  });

  it('the application JWT says it is a JWT, signed RS256', async () => {
    const pem = await exportPKCS8((await generateKeyPair('RS256', { extractable: true })).privateKey);
    const token = await applicationJwt('jwt-typ', 'app', pem, 1_900_000_000);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT' });
  });
});
