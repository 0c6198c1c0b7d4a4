import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workspace } from '@/lib/config/load';
import { readAccount } from '../accounts';
import { listApplications } from '../applications';
import { breaker } from '../breaker';
import type * as Retry from '../retry';
import type { UpstreamError } from '../errors';
import { replaceApplication, type ReplaceStep } from '../replace';

// The pauses between reads after an unconfirmed change (and between retries) are not waited for here.
vi.mock('../retry', async (original) => ({ ...(await original<typeof Retry>()), sleep: async () => {} }));

/*
 * An upstream with one account's links as state. `faults` answer the next matching calls: a status, or `drop`
 * (the connection is cut, so the change is unconfirmed), each `applied` or not to the state first.
 */
type Fault = { method: string; status?: number; drop?: boolean; applied?: boolean };
let server: Server;
let baseUrl = '';
let linked: string[] = [];
let faults: Fault[] = [];
let seen: string[] = [];
let apps: Record<string, unknown>[][] = [];

const account = () => ({ external_id: '447700900001', api_key: 'k', provider: 'whatsapp', applications: linked });
function answer(res: ServerResponse, status: number, body?: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
function handle(req: IncomingMessage, body: string, res: ServerResponse) {
  const url = new URL(req.url ?? '', 'http://x');
  seen.push(`${req.method} ${url.pathname}`);
  if (url.pathname === '/v2/applications') {
    const page = Number(url.searchParams.get('page'));
    return answer(res, 200, { page, total_pages: apps.length, _embedded: { applications: apps[page - 1] ?? [] } });
  }
  const fault = faults.findIndex((f) => f.method === req.method);
  const f = fault >= 0 ? faults.splice(fault, 1)[0]! : null;
  const apply = !f || f.applied;
  if (req.method === 'POST' && apply) linked = [(JSON.parse(body) as { application: string }).application];
  if (req.method === 'DELETE' && apply) linked = linked.filter((a) => !url.pathname.endsWith(`/${a}`));
  if (f?.drop) return res.socket?.destroy();
  if (f?.status) return answer(res, f.status, {});
  if (req.method === 'DELETE') return answer(res, 204);
  return answer(res, 200, account());
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => handle(req, body, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  linked = ['old'];
  faults = [];
  seen = [];
  apps = [];
  breaker.reset();
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => vi.restoreAllMocks());

let wsCount = 0;
const ws = (): Workspace => ({ id: `rp${(wsCount += 1)}`, name: 'R', apiKey: 'k', apiSecret: 's', jwt: null, baseUrl });
async function replace(to: string, expected: string | null) {
  const steps: ReplaceStep[] = [];
  const result = await replaceApplication(ws(), 'whatsapp', '447700900001', to, expected, steps).then(
    (account) => ({ account, error: null }),
    (error: unknown) => ({ account: null, error: error as UpstreamError }),
  );
  return { ...result, steps, changes: seen.filter((s) => !s.startsWith('GET')) };
}
const A = '/beta/chatapp-accounts/whatsapp/447700900001/applications';

describe('replace, as one operation', () => {
  it('unlinks the old application and links the new one', async () => {
    const r = await replace('new', 'old');
    expect(r.account?.applications).toEqual(['new']);
    expect(r.changes).toEqual([`DELETE ${A}/old`, `POST ${A}`]);
    expect(r.steps).toEqual([
      { step: 'unlink', applicationId: 'old', outcome: 'ok' },
      { step: 'link', applicationId: 'new', outcome: 'ok' },
    ]);
  });

  it('links at once when none was linked', async () => {
    linked = [];
    const r = await replace('new', null);
    expect(r.account?.applications).toEqual(['new']);
    expect(r.steps).toEqual([{ step: 'link', applicationId: 'new', outcome: 'ok' }]);
  });

  it('changes nothing when the link is not the one expected (409), or already the one asked for', async () => {
    const changed = await replace('new', 'other');
    expect(changed.error).toMatchObject({ kind: 'link_changed' });
    expect(changed.changes).toEqual([]);
    const same = await replace('old', 'old');
    expect(same.account?.applications).toEqual(['old']);
    expect(same.changes).toEqual([]);
    expect(same.steps).toEqual([]);
  });

  it('an unlink refused leaves the old application linked, and links nothing', async () => {
    faults = [{ method: 'DELETE', status: 500 }];
    const r = await replace('new', 'old');
    expect(r.error).toMatchObject({ kind: 'server_error', extra: { restored: true, status: 500 } });
    expect(r.changes).toEqual([`DELETE ${A}/old`]);
    expect(r.steps).toEqual([{ step: 'unlink', applicationId: 'old', outcome: 'failed' }]);
    expect(linked).toEqual(['old']);
  });

  it('an unlink cut off that did not happen: the old application is still linked, nothing more is done', async () => {
    faults = [{ method: 'DELETE', drop: true, applied: false }];
    const r = await replace('new', 'old');
    expect(r.error).toMatchObject({ kind: 'unconfirmed', extra: { restored: true } });
    expect(r.steps).toEqual([{ step: 'unlink', applicationId: 'old', outcome: 'unconfirmed' }]);
    expect(r.changes).toEqual([`DELETE ${A}/old`]);
  });

  it('an unlink cut off that happened: the old application is linked again', async () => {
    faults = [{ method: 'DELETE', drop: true, applied: true }];
    const r = await replace('new', 'old');
    expect(r.error).toMatchObject({ kind: 'unconfirmed', extra: { restored: true } });
    expect(r.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['unlink', 'unconfirmed'],
      ['restore', 'ok'],
    ]);
    expect(linked).toEqual(['old']);
  });

  it('a link refused: the old application is linked again, and the error says so', async () => {
    faults = [{ method: 'POST', status: 403 }];
    const r = await replace('new', 'old');
    expect(r.error).toMatchObject({ kind: 'application_not_linkable', extra: { restored: true } });
    expect(r.changes).toEqual([`DELETE ${A}/old`, `POST ${A}`, `POST ${A}`]);
    expect(r.steps).toEqual([
      { step: 'unlink', applicationId: 'old', outcome: 'ok' },
      { step: 'link', applicationId: 'new', outcome: 'failed' },
      { step: 'restore', applicationId: 'old', outcome: 'ok' },
    ]);
    expect(linked).toEqual(['old']);
  });

  it('a link refused when none was linked: nothing to restore', async () => {
    linked = [];
    faults = [{ method: 'POST', status: 409 }];
    const r = await replace('new', null);
    expect(r.error).toMatchObject({ extra: { restored: true } });
    expect(r.steps).toEqual([{ step: 'link', applicationId: 'new', outcome: 'failed' }]);
  });

  it('a link cut off that landed is the answer: the old one is not restored over it', async () => {
    faults = [{ method: 'POST', drop: true, applied: true }];
    const r = await replace('new', 'old');
    expect(r.error).toBeNull();
    expect(r.account?.applications).toEqual(['new']);
    expect(r.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['unlink', 'ok'],
      ['link', 'ok'],
    ]);
    expect(r.changes).toEqual([`DELETE ${A}/old`, `POST ${A}`]);
  });

  it('a link cut off that did not land: the old one is linked again', async () => {
    faults = [{ method: 'POST', drop: true, applied: false }];
    const r = await replace('new', 'old');
    expect(r.error).toMatchObject({ kind: 'unconfirmed', extra: { restored: true } });
    expect(r.steps.map((s) => [s.step, s.outcome])).toEqual([
      ['unlink', 'ok'],
      ['link', 'unconfirmed'],
      ['restore', 'ok'],
    ]);
    expect(linked).toEqual(['old']);
  });

  it('a restore that fails and cannot be read back says the account is left without it', async () => {
    faults = [
      { method: 'GET' },
      { method: 'POST', status: 500 },
      { method: 'POST', status: 500 },
      { method: 'GET', status: 500 },
      { method: 'GET', status: 500 },
      { method: 'GET', status: 500 },
      { method: 'GET', status: 500 },
      { method: 'GET', status: 500 },
      { method: 'GET', status: 500 },
      { method: 'GET', status: 500 },
      { method: 'GET', status: 500 },
      { method: 'GET', status: 500 },
    ];
    const r = await replace('new', 'old');
    expect(r.error).toMatchObject({ kind: 'server_error', extra: { restored: false } });
    expect(r.steps.at(-1)).toEqual({ step: 'restore', applicationId: 'old', outcome: 'failed' });
    expect(linked).toEqual([]);
  });

  it('a restore cut off that landed is read back as restored', async () => {
    faults = [
      { method: 'POST', status: 500 },
      { method: 'POST', drop: true, applied: true },
    ];
    const r = await replace('new', 'old');
    expect(r.error).toMatchObject({ extra: { restored: true } });
    expect(r.steps.at(-1)).toEqual({ step: 'restore', applicationId: 'old', outcome: 'unconfirmed' });
  });
});

describe('reading one RCS agent', () => {
  it('searches the RCS list page by page, and answers not_found past the last', async () => {
    const pages: Record<string, unknown>[][] = [
      [{ external_id: 'a1', api_key: 'k', provider: 'rcs' }],
      [{ external_id: 'a2', api_key: 'k', provider: 'rcs', name: 'Two' }],
    ];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '', 'http://x');
      seen.push(url.search);
      const page = Number(url.searchParams.get('page_number'));
      answer(res, 200, { _embedded: pages[page - 1] ?? [], _links: page < pages.length ? { next: { href: 'x' } } : {} });
    });
    try {
      expect((await readAccount(ws(), 'rcs', 'a2')).name).toBe('Two');
      expect(seen).toEqual(['?provider=rcs&page_number=1&page_size=100', '?provider=rcs&page_number=2&page_size=100']);
      await expect(readAccount(ws(), 'rcs', 'a3')).rejects.toMatchObject({ kind: 'not_found' });
    } finally {
      server.removeAllListeners('request');
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => handle(req, body, res));
      });
    }
  });
});

describe('applications', () => {
  const app = (id: string, messages: boolean) => ({ id, name: id.toUpperCase(), ...(messages ? { capabilities: { messages: {} } } : {}) });

  it('one page as Vonage has it, with its totals', async () => {
    apps = [[app('a', true), { id: 5 }]];
    expect(await listApplications(ws(), { page: 1, pageSize: 10 })).toEqual({
      items: [expect.objectContaining({ id: 'a', messages: true })],
      page: 1,
      pageSize: 10,
      totalItems: 1,
      totalPages: 1,
    });
    expect(seen).toEqual(['GET /v2/applications']);
  });

  it('every application in one answer, read 100 a page', async () => {
    apps = [[app('a', true), app('b', false)], [app('c', true)]];
    const all = await listApplications(ws(), { page: 1, pageSize: 20, all: true });
    expect(all).toEqual({
      items: [expect.objectContaining({ id: 'a' }), expect.objectContaining({ id: 'b' }), expect.objectContaining({ id: 'c' })],
      page: 1,
      pageSize: 3,
      totalItems: 3,
      totalPages: 1,
    });
    expect(seen).toHaveLength(2);
  });

  it('only those that take messages, paged here', async () => {
    apps = [[app('a', true), app('b', false), app('c', true)], [app('d', true)]];
    expect(await listApplications(ws(), { page: 2, pageSize: 2, capability: 'messages' })).toEqual({
      items: [expect.objectContaining({ id: 'd' })],
      page: 2,
      pageSize: 2,
      totalItems: 3,
      totalPages: 2,
    });
    apps = [[app('b', false)]];
    expect(await listApplications(ws(), { page: 1, pageSize: 2, capability: 'messages' })).toMatchObject({
      items: [],
      totalItems: 0,
      totalPages: 1,
    });
  });

  it('stops at an empty page and after 20 pages', async () => {
    apps = [[app('a', true)], [], [app('c', true)]];
    expect((await listApplications(ws(), { page: 1, pageSize: 20, all: true })).items).toHaveLength(1);
    apps = Array.from({ length: 25 }, (_, i) => [app(`a${i}`, true)]);
    seen = [];
    expect((await listApplications(ws(), { page: 1, pageSize: 20, all: true })).items).toHaveLength(20);
    expect(seen).toHaveLength(20);
  });
});
