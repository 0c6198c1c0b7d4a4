import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportPKCS8, exportSPKI, generateKeyPair, importSPKI, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '@/lib/config/load';
import {
  createMessengerAccount,
  deleteMessengerAccount,
  getAccount,
  linkApplication,
  listAccounts,
  unlinkApplication,
  updateMessengerAccount,
} from '../accounts';
import { listApplications } from '../applications';
import { breaker } from '../breaker';
import { buildUrl } from '../client';
import { UpstreamError } from '../errors';

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
let server: Server;
let baseUrl = '';
let replies: Reply[] = [];
let seen: { method: string; url: string; authorization: string | undefined; body: string }[] = [];
let publicPem = '';
let privatePem = '';

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  publicPem = await exportSPKI(publicKey);
  privatePem = await exportPKCS8(privateKey);
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      const r = replies.shift() ?? { status: 200, body: {} };
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
      res.end(r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  replies = [];
  seen = [];
  breaker.reset();
});

const basicWs = (): Workspace => ({ id: 'b', name: 'B', apiKey: 'key1', apiSecret: 'sec1', jwt: null, baseUrl });
const jwtWs = (): Workspace => ({
  id: 'j',
  name: 'J',
  apiKey: 'key2',
  apiSecret: 'sec2',
  jwt: { applicationId: '11111111-2222-4333-8444-555555555555', privateKey: privatePem },
  baseUrl,
});

const messenger = {
  external_id: '123456789012345',
  api_key: 'key1',
  provider: 'messenger',
  name: 'Page',
  applications: [],
  access_token: 'EAAGsecretsecretsecretABCD',
};

describe('auth headers', () => {
  it('sends Basic key:secret for a workspace without an application key', async () => {
    replies = [{ status: 200, body: messenger }];
    await getAccount(basicWs(), 'messenger', '123456789012345');
    expect(seen[0]?.authorization).toBe(`Basic ${Buffer.from('key1:sec1').toString('base64')}`);
    expect(seen[0]?.url).toBe('/beta/chatapp-accounts/messenger/123456789012345');
  });

  it('sends an RS256 JWT with application_id, jti and a short exp, reused until near expiry', async () => {
    replies = [
      { status: 200, body: messenger },
      { status: 200, body: messenger },
    ];
    await getAccount(jwtWs(), 'messenger', '123456789012345');
    await getAccount(jwtWs(), 'messenger', '123456789012345');
    const [first, second] = seen.map((s) => s.authorization ?? '');
    expect(first).toMatch(/^Bearer /);
    expect(second).toBe(first);
    const { payload, protectedHeader } = await jwtVerify(first!.slice(7), await importSPKI(publicPem, 'RS256'));
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.application_id).toBe('11111111-2222-4333-8444-555555555555');
    expect(payload.jti).toMatch(/[0-9a-f-]{36}/);
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(15 * 60);
  });

  it('uses Basic for the Application API even when a JWT is configured', async () => {
    replies = [{ status: 200, body: { page: 1, page_size: 10, total_items: 0, total_pages: 0, _embedded: { applications: [] } } }];
    await listApplications(jwtWs(), { page: 1, pageSize: 10 });
    expect(seen[0]?.authorization).toMatch(/^Basic /);
    expect(seen[0]?.url).toBe('/v2/applications?page=1&page_size=10');
  });
});

describe('changing a Messenger account', () => {
  it('renames with PATCH in upstream field names, and sends only what changes', async () => {
    replies = [
      { status: 200, body: { ...messenger, name: 'New' } },
      { status: 200, body: messenger },
    ];
    expect((await updateMessengerAccount(basicWs(), '123456789012345', { name: 'New' })).name).toBe('New');
    await updateMessengerAccount(basicWs(), '123456789012345', { accessToken: 'EAAGnew' });
    expect(seen.map((s) => [s.method, s.url, JSON.parse(s.body)])).toEqual([
      ['PATCH', '/beta/chatapp-accounts/messenger/123456789012345', { name: 'New' }],
      ['PATCH', '/beta/chatapp-accounts/messenger/123456789012345', { access_token: 'EAAGnew' }],
    ]);
  });

  it('an update answered other than 200 is mapped by its status', async () => {
    replies = [{ status: 404 }];
    await expect(updateMessengerAccount(basicWs(), '1', { name: 'x' })).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('deletes with DELETE; 204 or 200 is done, anything else an error', async () => {
    replies = [{ status: 204 }, { status: 200, body: {} }, { status: 404 }];
    await expect(deleteMessengerAccount(basicWs(), '123456789012345')).resolves.toBeUndefined();
    await expect(deleteMessengerAccount(basicWs(), '123456789012345')).resolves.toBeUndefined();
    await expect(deleteMessengerAccount(basicWs(), '123456789012345')).rejects.toMatchObject({ kind: 'not_found' });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(Array(3).fill('DELETE /beta/chatapp-accounts/messenger/123456789012345'));
  });

  it('a create with an application refused 403 says the application cannot be linked; without one, credentials', async () => {
    replies = [{ status: 403 }, { status: 403 }];
    await expect(createMessengerAccount(basicWs(), { externalId: '1', accessToken: 't', applicationId: 'a' })).rejects.toMatchObject({
      kind: 'application_not_linkable',
    });
    await expect(createMessengerAccount(basicWs(), { externalId: '1', accessToken: 't' })).rejects.toMatchObject({
      kind: 'credentials_refused',
    });
  });

  it('a last link that is not a URL gives no last page', async () => {
    replies = [{ status: 200, body: { _embedded: [], _links: { last: { href: 'http://[::1' } } } }];
    expect((await listAccounts(basicWs(), { page: 1, pageSize: 10 })).lastPage).toBeNull();
  });
});

describe('shaping', () => {
  it('maps the list with paging from _links and hides the token', async () => {
    replies = [
      {
        status: 200,
        body: {
          page_number: 2,
          page_size: 1,
          _embedded: [messenger],
          _links: {
            prev: { href: 'x?page_number=1' },
            next: { href: 'x?page_number=3' },
            last: { href: `${baseUrl}/beta/chatapp-accounts?page_number=7&page_size=1` },
          },
        },
      },
    ];
    const page = await listAccounts(basicWs(), { page: 2, pageSize: 1, provider: 'messenger' });
    expect(seen[0]?.url).toBe('/beta/chatapp-accounts?provider=messenger&page_number=2&page_size=1');
    expect(page).toEqual({
      items: [
        { provider: 'messenger', externalId: '123456789012345', name: 'Page', applications: [], apiKey: 'key1', accessTokenHint: 'ABCD' },
      ],
      page: 2,
      pageSize: 1,
      hasPrev: true,
      hasNext: true,
      lastPage: 7,
    });
  });

  it('sends the create body in upstream field names', async () => {
    replies = [{ status: 201, body: messenger }];
    await createMessengerAccount(basicWs(), { externalId: '1', accessToken: 't', name: 'n', applicationId: 'a' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ external_id: '1', access_token: 't', name: 'n', applications: ['a'] });
  });
});

describe('error kinds', () => {
  const cases: [string, Reply, () => Promise<unknown>, string][] = [
    ['404', { status: 404 }, () => getAccount(basicWs(), 'whatsapp', '447700900001'), 'not_found'],
    [
      '409 on link',
      { status: 409, body: { title: 'Application conflict' } },
      () => linkApplication(basicWs(), 'whatsapp', '447700900001', 'a'),
      'already_linked',
    ],
    [
      '403 on link',
      { status: 403, body: { title: 'Forbidden' } },
      () => linkApplication(basicWs(), 'whatsapp', '447700900001', 'a'),
      'application_not_linkable',
    ],
    ['409 on unlink', { status: 409 }, () => unlinkApplication(basicWs(), 'whatsapp', '447700900001', 'a'), 'not_linked'],
    [
      '401 elsewhere',
      { status: 401, body: { title: 'Unauthorised' } },
      () => getAccount(basicWs(), 'whatsapp', '447700900001'),
      'credentials_refused',
    ],
    [
      '429',
      { status: 429, headers: { 'retry-after': '120' } },
      () => unlinkApplication(basicWs(), 'whatsapp', '447700900001', 'a'),
      'rate_limited',
    ],
    ['bad JSON', { status: 200, body: '{' }, () => getAccount(basicWs(), 'whatsapp', '447700900001'), 'bad_response'],
    ['wrong shape', { status: 200, body: { hello: 1 } }, () => getAccount(basicWs(), 'whatsapp', '447700900001'), 'bad_response'],
  ];
  it.each(cases)('%s', async (_name, reply, run, kind) => {
    replies = [reply];
    const err = await run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).kind).toBe(kind);
  });

  // A 500 with a body past the 1 MiB cap: were the body read, the answer would be bad_response, not server_error.
  it('500: server_error, its body (a stack trace) never read', async () => {
    replies = [{ status: 500, body: `stack trace ${'x'.repeat(2 * 1024 * 1024)}` }];
    const err = (await unlinkApplication(basicWs(), 'whatsapp', '447700900001', 'a').catch((e: unknown) => e)) as UpstreamError;
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.kind).toBe('server_error');
    expect(err.extra).toEqual({ status: 500 });
    expect(seen).toHaveLength(1);
  });

  // Any unexpected status is bad_response; what this pins is that the redirect is refused, not followed.
  it('302: bad_response, the redirect not followed', async () => {
    replies = [{ status: 302, headers: { location: `${baseUrl}/elsewhere` } }, { status: 204 }];
    const err = (await unlinkApplication(basicWs(), 'whatsapp', '447700900001', 'a').catch((e: unknown) => e)) as UpstreamError;
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.kind).toBe('bad_response');
    expect(err.message).toBe('upstream redirected; not followed');
    expect(seen.map((s) => s.url)).toEqual(['/beta/chatapp-accounts/whatsapp/447700900001/applications/a']);
  });

  it('keeps the Retry-After of a 429', async () => {
    replies = [{ status: 429, headers: { 'retry-after': '120' } }];
    const err = (await linkApplication(basicWs(), 'rcs', 'agent', 'a').catch((e: unknown) => e)) as UpstreamError;
    expect(err.extra.retryAfterSeconds).toBe(120);
  });

  it('maps upstream invalid_params to our field names without echoing reasons', async () => {
    replies = [{ status: 400, body: { invalid_params: [{ name: 'external_id', reason: 'Missing `external_id` field <script>' }] } }];
    const err = (await createMessengerAccount(basicWs(), { externalId: '1', accessToken: 't' }).catch((e: unknown) => e)) as UpstreamError;
    expect(err.kind).toBe('invalid');
    expect(err.extra.invalidParams).toEqual([{ name: 'externalId', reason: 'Vonage rejected this value' }]);
  });
});

describe('buildUrl', () => {
  it.each(['..', '.', '', 'a/b', 'a\\b', 'a?b', 'a#b', '%2e', 'a\r\nb'])('refuses the segment %j', (seg) => {
    expect(() => buildUrl({ workspace: basicWs(), api: 'accounts', segments: ['messenger', seg] })).toThrow();
  });

  it('keeps the workspace origin', () => {
    const url = buildUrl({ workspace: basicWs(), api: 'accounts', segments: ['messenger', '123'], query: { page_number: 2 } });
    expect(url.toString()).toBe(`${baseUrl}/beta/chatapp-accounts/messenger/123?page_number=2`);
  });
});
