import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountPageSchema, type Account } from '@/lib/schemas/account';
import { activityPageSchema } from '@/lib/schemas/activity';
import type { ApplicationAccounts, IndexedApplicationPage, IndexStatus, Overview, SearchAnswer } from '@/lib/schemas/index-views';
import { PROVIDERS } from '@/lib/schemas/providers';
import { call, expectNoUpstream, sim, stack, until, upstreamCallsDuring, type Who } from '../support/api';

const acme = '/api/workspaces/acme';
const globex = '/api/workspaces/globex';

async function status(ws: string): Promise<IndexStatus> {
  const res = await call('support', 'GET', `/api/workspaces/${ws}/index`);
  expect(res.status).toBe(200);
  return res.json as IndexStatus;
}

/** Refresh now, then wait for that re-read to end. */
async function refresh(ws: string, who: Who = 'support'): Promise<IndexStatus> {
  const asked = new Date().toISOString();
  const res = await call(who, 'POST', `/api/workspaces/${ws}/index/refresh`);
  expect(res.status).toBe(202);
  let done: IndexStatus | null = null;
  await until(`the re-read of ${ws} ends`, async () => {
    const s = await status(ws);
    if (!s.running && s.finishedAt && s.finishedAt >= asked) done = s;
    return done !== null;
  });
  return done!;
}

async function allAccounts(ws: string): Promise<Account[]> {
  const out: Account[] = [];
  for (let page = 1; page < 20; page += 1) {
    const parsed = accountPageSchema.parse((await call('support', 'GET', `/api/workspaces/${ws}/accounts?page=${page}&pageSize=100`)).json);
    out.push(...parsed.items);
    if (!parsed.hasNext) break;
  }
  return out;
}

const search = async (who: Who, q: string) => {
  const res = await call(who, 'GET', `/api/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return res.json as SearchAnswer;
};

beforeAll(async () => {
  await refresh('acme');
  await refresh('globex');
  await refresh('initech');
});

afterEach(async () => {
  await sim.clearFaults();
});

describe('the index: a whole re-read', () => {
  it('reads every account and application 100 a page, and the Refresh is recorded', async () => {
    const calls = await upstreamCallsDuring(async () => {
      const s = await refresh('acme');
      const apps = (await call('support', 'GET', `${acme}/applications?pageSize=100`)).json.totalItems as number;
      expect(s).toMatchObject({ lastOutcome: 'ok', accounts: (await allAccounts('acme')).length, applications: apps });
    });
    expect(calls.some((c) => c.path === '/beta/chatapp-accounts' && c.query.includes('page_size=100'))).toBe(true);
    expect(calls.some((c) => c.path === '/v2/applications' && c.query.includes('page_size=100'))).toBe(true);
    const events = activityPageSchema.parse((await call('support', 'GET', `${acme}/activity?action=index.refresh`)).json).items;
    expect(events[0]).toMatchObject({ action: 'index.refresh', outcome: 'ok', status: 202, target: { kind: 'index', id: 'acme' } });
  });

  it('waits out a 429 with its Retry-After, then finishes', async () => {
    await sim.faults({ script: [{ status: 429, headers: { 'retry-after': '3' }, body: { title: 'Too Many Requests' } }] });
    const calls = await upstreamCallsDuring(async () => expect((await refresh('globex')).lastOutcome).toBe('ok'));
    const limited = calls.findIndex((c) => c.status === 429);
    expect(limited).toBeGreaterThanOrEqual(0);
    expect(calls.length).toBeGreaterThan(2);
  });

  it('a re-read that fails marks nothing gone and keeps its “as of”', async () => {
    const externalId = `96${Date.now()}`.slice(0, 15);
    expect(
      (
        await sim.direct('globex', 'POST', '/beta/chatapp-accounts/messenger', {
          external_id: externalId,
          access_token: 'EAAGindexindexindexindex',
        })
      ).status,
    ).toBe(201);
    const before = await refresh('globex');
    expect((await search('support', externalId)).items.map((h) => h.account.externalId)).toContain(externalId);
    expect((await sim.direct('globex', 'DELETE', `/beta/chatapp-accounts/messenger/${externalId}`)).status).toBe(204);
    await sim.faults({ errorRate: 1, errorStatus: 503 });
    const failed = await refresh('globex');
    expect(failed).toMatchObject({ lastOutcome: 'failed', asOf: before.asOf });
    await sim.clearFaults();
    await until(
      'the circuit breaker closes again',
      async () => (await call('support', 'GET', `${globex}/accounts?pageSize=1`)).status === 200,
    );
    const kept = await call('support', 'GET', `${globex}/overview`);
    expect((kept.json as Overview).attention.some((a) => a.account.externalId === externalId)).toBe(true);
    const after = await refresh('globex');
    expect(after.lastOutcome).toBe('ok');
    expect(after.asOf! > before.asOf!).toBe(true);
    expect(
      (await call('support', 'GET', `${globex}/overview`)).json.attention.some(
        (a: { account: Account }) => a.account.externalId === externalId,
      ),
    ).toBe(false);
  });
});

describe('GET /api/search', () => {
  it('a whole WhatsApp number finds Acme’s account, asked live', async () => {
    const found = await search('support', '+44 7700 900001');
    expect(found.items[0]).toMatchObject({
      workspace: 'acme',
      source: 'live',
      account: { provider: 'whatsapp', externalId: '447700900001' },
    });
    for (const q of ['447700900001', '0044 7700 900001'])
      expect((await search('support', q)).items[0]).toMatchObject({ workspace: 'acme', source: 'live' });
  });

  it('part of a name finds it from the index, with its “as of”, and no upstream call', async () => {
    await expectNoUpstream(async () => {
      const found = await search('support', 'support uk');
      const hit = found.items.find((h) => h.account.externalId === '447700900001');
      expect(hit).toMatchObject({ workspace: 'acme', source: 'index', account: { name: 'Acme Support UK' } });
      expect(Date.parse(hit!.asOf)).not.toBeNaN();
      expect(found.asOf).not.toBeNull();
    });
  });

  it('a customer of globex finds nothing of Acme, and only globex is asked live (A39)', async () => {
    const calls = await upstreamCallsDuring(async () => {
      for (const q of ['+44 7700 900001', 'Acme', 'support uk', '447700900001']) {
        const found = await search('globex', q);
        expect(found.items.filter((h) => h.workspace !== 'globex')).toEqual([]);
        expect(JSON.stringify(found)).not.toContain('Acme');
      }
    });
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.apiKey === stack().secrets.globex.apiKey)).toBe(true);
    let requestId = '';
    await expectNoUpstream(async () => {
      const refused = await call('globex', 'GET', '/api/search?q=Acme&workspace=acme');
      expect(refused.status).toBe(404);
      requestId = refused.headers.get('x-request-id') ?? '';
    });
    // Refused and recorded for staff, as any read across workspaces is; what was searched for is not kept.
    const denied = activityPageSchema.parse(
      (await call('support', 'GET', '/api/activity?action=workspace.read&outcome=denied&actor=owner@globex.test')).json,
    ).items;
    const event = denied.find((e) => e.requestId === requestId);
    expect(event).toMatchObject({ workspace: null, status: 404, after: { workspace: 'acme' } });
    expect(JSON.stringify(event)).not.toContain('Acme');
  });

  it('refuses what is not a search, with no upstream call', async () => {
    await expectNoUpstream(async () => {
      expect((await call('anonymous', 'GET', '/api/search?q=acme')).status).toBe(401);
      for (const q of ['', 'a', 'x'.repeat(101), 'a%0Ab', 'a%E2%80%AEb']) {
        const res = await call('support', 'GET', `/api/search?q=${q}`);
        expect(res.status, q).toBe(400);
        expect(res.json.invalidParams[0].name).toBe('q');
      }
      expect((await call('support', 'GET', '/api/search?q=acme&provider=fax')).status).toBe(400);
      expect((await call('support', 'GET', '/api/search?q=acme&constructor=x')).status).toBe(400);
      expect((await call('support', 'POST', '/api/search?q=acme')).status).toBe(405);
    });
  });

  it('% and _ are matched as themselves', async () => {
    expect((await search('support', '%%')).items).toEqual([]);
    expect((await search('support', '__')).items).toEqual([]);
  });
});

describe('applications and their accounts', () => {
  it('lists applications with linked-account counts that match the accounts', async () => {
    const accounts = await allAccounts('acme');
    const page = (await call('support', 'GET', `${acme}/applications?source=index&pageSize=100`)).json as IndexedApplicationPage;
    expect(page.items).toHaveLength((await call('support', 'GET', `${acme}/applications?pageSize=100`)).json.totalItems);
    expect(page.asOf).not.toBeNull();
    for (const app of page.items) expect(app.linkedAccounts, app.name).toBe(accounts.filter((a) => a.applications.includes(app.id)).length);
  });

  it('an application’s page lists every account linked to it; an unlink there shows on both', async () => {
    const page = (await call('support', 'GET', `${acme}/applications?source=index&pageSize=100`)).json as IndexedApplicationPage;
    const app = page.items.find((a) => a.name === 'Acme Messages Staging')!;
    const expected = (await allAccounts('acme')).filter((a) => a.applications.includes(app.id));
    const detail = await expectNoUpstreamAnd(() => call('support', 'GET', `${acme}/applications/${app.id}`));
    const body = detail.json as ApplicationAccounts;
    expect(body.application?.name).toBe('Acme Messages Staging');
    expect(body.accounts.map((a) => `${a.provider}/${a.externalId}`).sort()).toEqual(
      expected.map((a) => `${a.provider}/${a.externalId}`).sort(),
    );

    const one = body.accounts[0]!;
    const accountPath = `${acme}/accounts/${one.provider}/${one.externalId}`;
    expect((await call('support', 'DELETE', `${accountPath}/applications/${app.id}`)).status).toBe(204);
    const after = (await call('support', 'GET', `${acme}/applications/${app.id}`)).json as ApplicationAccounts;
    expect(after.accounts.map((a) => a.externalId)).not.toContain(one.externalId);
    expect((await call('support', 'GET', accountPath)).json.applications).toEqual([]);
    // Put it back, through the console: the application's page follows.
    expect((await call('support', 'POST', `${accountPath}/applications`, { body: { applicationId: app.id } })).status).toBe(200);
    expect(((await call('support', 'GET', `${acme}/applications/${app.id}`)).json as ApplicationAccounts).accounts).toHaveLength(
      expected.length,
    );
  });

  it('an application nobody knows is a 404; a bad id a 400; another workspace’s a 404, with no upstream call', async () => {
    await expectNoUpstream(async () => {
      expect((await call('support', 'GET', `${acme}/applications/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
      expect((await call('support', 'GET', `${acme}/applications/not-a-uuid`)).status).toBe(400);
      expect((await call('globex', 'GET', `${acme}/applications/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
      expect((await call('support', 'GET', `${acme}/applications?source=vonage`)).status).toBe(400);
    });
  });
});

async function expectNoUpstreamAnd<T>(fn: () => Promise<T>): Promise<T> {
  let out: T;
  await expectNoUpstream(async () => {
    out = await fn();
  });
  return out!;
}

describe('GET overview', () => {
  it('totals per provider equal the provider lists; attention names unlinked accounts', async () => {
    const accounts = await allAccounts('acme');
    const overview = await expectNoUpstreamAnd(async () => (await call('support', 'GET', `${acme}/overview`)).json as Overview);
    for (const p of PROVIDERS) {
      const mine = accounts.filter((a) => a.provider === p);
      expect(overview.totals[p], p).toEqual({
        linked: mine.filter((a) => a.applications.length).length,
        unlinked: mine.filter((a) => !a.applications.length).length,
      });
    }
    expect(overview.attentionCounts.unlinked).toBe(accounts.filter((a) => !a.applications.length).length);
    expect(overview.attention.every((a) => a.reason !== 'unlinked' || a.account.applications.length === 0)).toBe(true);
    expect(overview.asOf).not.toBeNull();
  });
});

describe('GET accounts/export', () => {
  it('streams the inventory as CSV with a formula shown as text, never a token, and records it', async () => {
    const externalId = `95${Date.now()}`.slice(0, 15);
    const token = `EAAGexportexportexport${Date.now()}XP12`;
    const made = await call('support', 'POST', `${acme}/accounts/messenger`, { body: { externalId, accessToken: token, name: '=1+1' } });
    expect(made.status).toBe(201);
    const csv = await call('viewer', 'GET', `${acme}/accounts/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="accounts-acme-/);
    const line = csv.text.split('\r\n').find((l) => l.includes(externalId));
    expect(line).toContain(`messenger,${externalId},'=1+1,`);
    expect(csv.text).not.toContain(token);
    expect(csv.text.split('\r\n')[0]).toBe('provider,external_id,name,application_id,api_key,access_token_hint,as_of');
    expect(csv.text.trim().split('\r\n').length - 1).toBe((await allAccounts('acme')).length);

    const jsonl = await call('support', 'GET', `${acme}/accounts/export?format=jsonl&provider=messenger`);
    const rows = jsonl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Account);
    expect(rows.every((r) => r.provider === 'messenger')).toBe(true);
    expect(rows.find((r) => r.externalId === externalId)).toMatchObject({ name: '=1+1', accessTokenHint: 'XP12' });

    const events = activityPageSchema.parse((await call('support', 'GET', `${acme}/activity?action=accounts.export`)).json).items;
    expect(events.map((e) => [e.actor.email, e.target.id])).toEqual(
      expect.arrayContaining([
        ['viewer@demo.test', 'accounts.csv'],
        ['support@demo.test', 'accounts.jsonl'],
      ]),
    );
    expect((await call('support', 'DELETE', `${acme}/accounts/messenger/${externalId}`)).status).toBe(204);
    expect((await call('support', 'GET', `${acme}/accounts/export?format=csv`)).text).not.toContain(externalId);
  });

  it('refuses a bad format and another workspace, with no upstream call', async () => {
    await expectNoUpstream(async () => {
      expect((await call('support', 'GET', `${acme}/accounts/export?format=xlsx`)).status).toBe(400);
      expect((await call('globex', 'GET', `${acme}/accounts/export?format=csv`)).status).toBe(404);
    });
  });
});

describe('Refresh now and the RCS detail', () => {
  it('refresh needs X-CSRF and a visible workspace, with no upstream call', async () => {
    await expectNoUpstream(async () => {
      expect((await call('support', 'POST', `${acme}/index/refresh`, { csrf: false })).status).toBe(403);
      expect((await call('globex', 'POST', `${acme}/index/refresh`)).status).toBe(404);
      expect((await call('anonymous', 'POST', `${acme}/index/refresh`)).status).toBe(401);
    });
  });

  it('an RCS agent’s page reads the index: no list scan', async () => {
    await expectNoUpstream(async () => {
      const res = await call('viewer', 'GET', `${acme}/accounts/rcs/acme_support_agent`);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ provider: 'rcs', externalId: 'acme_support_agent', name: 'Acme Support RCS' });
      expect((await call('viewer', 'GET', `${acme}/accounts/rcs/no_such_agent`)).status).toBe(404);
    });
  });
});
