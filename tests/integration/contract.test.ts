import { beforeAll, describe, expect, it } from 'vitest';
import { accountPageSchema, accountSchema, type Account } from '@/lib/schemas/account';
import { applicationPageSchema, type Application } from '@/lib/schemas/application';
import { problemSchema } from '@/lib/schemas/problem';
import { call, sim, stack, upstreamCallsDuring } from '../support/api';

const base = '/api/workspaces/acme';
let accounts: Account[] = [];
let apps: Application[] = [];

async function allAccounts(ws: string, who: 'support' | 'globex' = 'support'): Promise<Account[]> {
  const out: Account[] = [];
  for (let page = 1; page < 20; page += 1) {
    const res = await call(who, 'GET', `/api/workspaces/${ws}/accounts?page=${page}&pageSize=100`);
    const parsed = accountPageSchema.parse(res.json);
    out.push(...parsed.items);
    if (!parsed.hasNext) break;
  }
  return out;
}

beforeAll(async () => {
  accounts = await allAccounts('acme');
  apps = applicationPageSchema.parse((await call('support', 'GET', `${base}/applications?pageSize=100`)).json).items;
});

describe('GET /api/health', () => {
  it('answers ok with no session and no upstream call', async () => {
    const calls = await upstreamCallsDuring(async () => {
      const res = await call('anonymous', 'GET', '/api/health');
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ status: 'ok' });
    });
    expect(calls).toEqual([]);
  });
});

describe('GET /api/workspaces', () => {
  it('lists every workspace for staff and only their own for a customer', async () => {
    expect((await call('support', 'GET', '/api/workspaces')).json).toEqual([
      { id: 'acme', name: 'Acme Corp' },
      { id: 'globex', name: 'Globex' },
      { id: 'initech', name: 'Initech' },
    ]);
    expect((await call('viewer', 'GET', '/api/workspaces')).json).toHaveLength(3);
    expect((await call('globex', 'GET', '/api/workspaces')).json).toEqual([{ id: 'globex', name: 'Globex' }]);
  });
});

describe('GET accounts list', () => {
  it('pages acme (45+ accounts, four providers) 20 a page with the last page known', async () => {
    expect(accounts.length).toBeGreaterThanOrEqual(45);
    expect(new Set(accounts.map((a) => a.provider))).toEqual(new Set(['messenger', 'whatsapp', 'viber_service_msg', 'rcs']));
    const first = await call('support', 'GET', `${base}/accounts`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const page = accountPageSchema.parse(first.json);
    expect(page).toMatchObject({ page: 1, pageSize: 20, hasPrev: false, hasNext: true });
    expect(page.items).toHaveLength(20);
    expect(page.lastPage).toBe(Math.ceil(accounts.length / 20));
    const last = accountPageSchema.parse((await call('support', 'GET', `${base}/accounts?page=${page.lastPage}`)).json);
    expect(last).toMatchObject({ hasPrev: true, hasNext: false });
    expect(last.items.length).toBe(accounts.length - 20 * ((page.lastPage ?? 1) - 1));
  });

  it('filters by provider on the server', async () => {
    const res = accountPageSchema.parse((await call('viewer', 'GET', `${base}/accounts?provider=whatsapp&pageSize=100`)).json);
    expect(res.items.length).toBe(accounts.filter((a) => a.provider === 'whatsapp').length);
    expect(res.items.every((a) => a.provider === 'whatsapp')).toBe(true);
    const calls = await sim.requests();
    expect(calls.at(-1)?.query).toContain('provider=whatsapp');
  });

  it('never returns a Page token, only a hint of at most 4 characters', async () => {
    const messenger = accounts.filter((a) => a.provider === 'messenger');
    expect(messenger.length).toBeGreaterThan(0);
    const direct = await sim.direct('acme', 'GET', '/beta/chatapp-accounts?provider=messenger&page_size=100');
    const tokens: string[] = direct.json._embedded.map((a: { access_token: string }) => a.access_token);
    expect(tokens.length).toBe(messenger.length);
    const listText = (await call('support', 'GET', `${base}/accounts?provider=messenger&pageSize=100`)).text;
    for (const t of tokens) expect(listText).not.toContain(t);
    for (const a of messenger) expect(a.accessTokenHint?.length ?? 0).toBeLessThanOrEqual(4);
    expect(listText).not.toMatch(/access_?token"/i);
  });

  it('only has the listed fields', () => {
    for (const a of accounts)
      expect(Object.keys(a).sort()).toEqual(['accessTokenHint', 'apiKey', 'applications', 'externalId', 'name', 'provider']);
  });

  it('shows globex only its own accounts', async () => {
    const globex = await allAccounts('globex', 'globex');
    expect(globex.length).toBeGreaterThan(0);
    const acmeIds = new Set(accounts.map((a) => a.externalId));
    expect(globex.some((a) => acmeIds.has(a.externalId))).toBe(false);
    expect(new Set(globex.map((a) => a.apiKey))).toEqual(new Set([stack().secrets.globex.apiKey]));
  });
});

describe('GET one account', () => {
  it.each(['messenger', 'whatsapp', 'viber_service_msg'] as const)('reads a %s account', async (provider) => {
    const a = accounts.find((x) => x.provider === provider)!;
    const res = await call('viewer', 'GET', `${base}/accounts/${provider}/${a.externalId}`);
    expect(res.status).toBe(200);
    expect(accountSchema.parse(res.json)).toEqual(a);
  });

  it('reads an RCS agent in one request: the BFF looks it up in the RCS list (no single read upstream)', async () => {
    const rcs = accounts.find((x) => x.provider === 'rcs')!;
    const calls = await upstreamCallsDuring(async () => {
      const res = await call('viewer', 'GET', `${base}/accounts/rcs/${rcs.externalId}`);
      expect(res.status).toBe(200);
      expect(accountSchema.parse(res.json)).toEqual(rcs);
    });
    expect(calls.every((c) => c.method === 'GET' && c.path === '/beta/chatapp-accounts' && c.query.includes('provider=rcs'))).toBe(true);
  });

  it('an RCS agent that is not in the list is a 404', async () => {
    const res = await call('support', 'GET', `${base}/accounts/rcs/no_such_agent`);
    expect(res.status).toBe(404);
    expect(problemSchema.parse(res.json).status).toBe(404);
  });

  it('maps an upstream 404 to 404', async () => {
    const res = await call('support', 'GET', `${base}/accounts/whatsapp/449999999999`);
    expect(res.status).toBe(404);
    expect(problemSchema.parse(res.json).instance).toBe(res.headers.get('x-request-id'));
  });
});

describe('GET applications', () => {
  it('lists applications with messages capability and webhooks', () => {
    expect(apps.length).toBeGreaterThanOrEqual(6);
    expect(apps.some((a) => !a.messages)).toBe(true);
    const withMessages = apps.find((a) => a.messages)!;
    expect(withMessages.inboundUrl).toMatch(/^https?:\/\//);
  });

  it('filters by capability=messages and pages the result', async () => {
    const res = applicationPageSchema.parse((await call('support', 'GET', `${base}/applications?capability=messages&pageSize=2`)).json);
    const expected = apps.filter((a) => a.messages);
    expect(res.totalItems).toBe(expected.length);
    expect(res.items).toEqual(expected.slice(0, 2));
    expect(res.totalPages).toBe(Math.ceil(expected.length / 2));
  });

  it('all=true gives every application in one answer (the BFF reads the pages)', async () => {
    const res = applicationPageSchema.parse((await call('viewer', 'GET', `${base}/applications?all=true`)).json);
    expect(res.items).toEqual(apps);
    expect(res).toMatchObject({ page: 1, totalPages: 1, totalItems: apps.length });
    const bad = await call('viewer', 'GET', `${base}/applications?all=yes`);
    expect(bad.status).toBe(400);
    expect(bad.json.invalidParams[0].name).toBe('all');
  });

  it('calls the Application API with Basic auth only', async () => {
    const calls = await upstreamCallsDuring(() => call('support', 'GET', `${base}/applications`));
    expect(calls.map((c) => [c.path, c.auth])).toEqual([['/v2/applications', 'basic']]);
  });

  it('calls External Accounts with a JWT for acme and Basic for globex', async () => {
    const calls = await upstreamCallsDuring(async () => {
      await call('support', 'GET', `${base}/accounts`);
      await call('support', 'GET', '/api/workspaces/globex/accounts');
    });
    expect(calls.map((c) => c.auth)).toEqual(['bearer', 'basic']);
  });
});

describe('Messenger create, edit, delete', () => {
  const pageId = '990000000000123';
  const token = 'EAAGtesttoken0000000000000000000000SECRETXYZ9';

  it('creates, reads, renames, rotates the token and deletes', async () => {
    const created = await call('support', 'POST', `${base}/accounts/messenger`, {
      body: { externalId: pageId, accessToken: token, name: 'Test page' },
    });
    expect(created.status).toBe(201);
    expect(accountSchema.parse(created.json)).toMatchObject({
      provider: 'messenger',
      externalId: pageId,
      name: 'Test page',
      applications: [],
      accessTokenHint: 'XYZ9',
    });
    expect(created.text).not.toContain(token);

    const renamed = await call('acme', 'PATCH', `${base}/accounts/messenger/${pageId}`, { body: { name: 'Renamed page' } });
    expect(renamed.status).toBe(200);
    expect(renamed.json.name).toBe('Renamed page');

    const rotated = await call('support', 'PATCH', `${base}/accounts/messenger/${pageId}`, {
      body: { accessToken: 'EAAGrotated00000000000000000000000000NEW1' },
    });
    expect(rotated.status).toBe(200);
    expect(rotated.json.accessTokenHint).toBe('NEW1');
    const upstream = await sim.direct('acme', 'GET', `/beta/chatapp-accounts/messenger/${pageId}`);
    expect(upstream.json.access_token).toBe('EAAGrotated00000000000000000000000000NEW1');

    const deleted = await call('support', 'DELETE', `${base}/accounts/messenger/${pageId}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await call('support', 'GET', `${base}/accounts/messenger/${pageId}`)).status).toBe(404);
  });

  it('creates with a linked application', async () => {
    const app = apps.find((a) => a.messages)!;
    const res = await call('acme', 'POST', `${base}/accounts/messenger`, {
      body: { externalId: '990000000000456', accessToken: token, applicationId: app.id },
    });
    expect(res.status).toBe(201);
    expect(res.json.applications).toEqual([app.id]);
    expect((await call('acme', 'DELETE', `${base}/accounts/messenger/990000000000456`)).status).toBe(204);
  });

  it('answers 422 when creating with an application that cannot take messages', async () => {
    const app = apps.find((a) => !a.messages)!;
    const res = await call('support', 'POST', `${base}/accounts/messenger`, {
      body: { externalId: '990000000000789', accessToken: token, applicationId: app.id },
    });
    expect(res.status).toBe(422);
  });

  it('deleting a missing account is a 404', async () => {
    expect((await call('support', 'DELETE', `${base}/accounts/messenger/990000000000000`)).status).toBe(404);
  });
});

describe('link, unlink', () => {
  it('links an application to a WhatsApp account, refuses a second with 409, unlinks, and 409s a second unlink', async () => {
    const wa = accounts.find((a) => a.provider === 'whatsapp' && a.applications.length === 0)!;
    const [first, second] = apps.filter((a) => a.messages);
    const path = `${base}/accounts/whatsapp/${wa.externalId}/applications`;
    const linked = await call('support', 'POST', path, { body: { applicationId: first!.id } });
    expect(linked.status).toBe(200);
    expect(accountSchema.parse(linked.json).applications).toEqual([first!.id]);

    const again = await call('support', 'POST', path, { body: { applicationId: second!.id } });
    expect(again.status).toBe(409);
    expect(again.json.detail).toMatch(/Unlink it first, or use Replace/);

    const unlinked = await call('support', 'DELETE', `${path}/${first!.id}`);
    expect(unlinked.status).toBe(204);
    const gone = await call('support', 'DELETE', `${path}/${first!.id}`);
    expect(gone.status).toBe(409);
  });

  it('links and unlinks an RCS account (v0.1.6)', async () => {
    const rcs = accounts.find((a) => a.provider === 'rcs' && a.applications.length === 0)!;
    const app = apps.find((a) => a.messages)!;
    const path = `${base}/accounts/rcs/${rcs.externalId}/applications`;
    expect((await call('support', 'POST', path, { body: { applicationId: app.id } })).status).toBe(200);
    expect((await call('support', 'DELETE', `${path}/${app.id}`)).status).toBe(204);
  });

  it('answers 422 for an application without messages capability', async () => {
    const viber = accounts.find((a) => a.provider === 'viber_service_msg' && a.applications.length === 0)!;
    const app = apps.find((a) => !a.messages)!;
    const res = await call('support', 'POST', `${base}/accounts/viber_service_msg/${viber.externalId}/applications`, {
      body: { applicationId: app.id },
    });
    expect(res.status).toBe(422);
    expect(res.json.detail).toMatch(/messages capability/i);
  });

  it('answers 422 for an unknown application', async () => {
    const viber = accounts.find((a) => a.provider === 'viber_service_msg' && a.applications.length === 0)!;
    const res = await call('support', 'POST', `${base}/accounts/viber_service_msg/${viber.externalId}/applications`, {
      body: { applicationId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(res.status).toBe(422);
  });
});

describe('unknown API routes', () => {
  it('answer a JSON 404 when signed in and 401 when not, with no upstream call', async () => {
    const calls = await upstreamCallsDuring(async () => {
      const res = await call('support', 'GET', '/api/nothing/here');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await call('anonymous', 'GET', '/api/nothing/here')).status).toBe(401);
    });
    expect(calls).toEqual([]);
  });
});
