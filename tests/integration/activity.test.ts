import { describe, expect, it } from 'vitest';
import { activityPageSchema, type ActivityEventView } from '@/lib/schemas/activity';
import { signIn, signOut } from '../../scripts/session';
import { call, expectNoUpstream, sim, stack, until } from '../support/api';

const acme = '/api/workspaces/acme';

async function events(who: Parameters<typeof call>[0], path: string): Promise<ActivityEventView[]> {
  const res = await call(who, 'GET', path);
  expect(res.status).toBe(200);
  return activityPageSchema.parse(res.json).items;
}

/** A Messenger account of acme's, made for this test so nothing else changes it. */
async function freshMessenger(token: string) {
  const externalId = `97${Date.now()}`.slice(0, 15);
  const res = await call('support', 'POST', `${acme}/accounts/messenger`, {
    body: { externalId, accessToken: token, name: 'Activity Test Page' },
  });
  expect(res.status).toBe(201);
  return externalId;
}

describe('the activity log (issue: a store of its own)', () => {
  it('records link, unlink, rename, rotation and a viewer refused, with who, outcome and no token', async () => {
    const oldToken = `EAAGoldoldoldoldoldold${Date.now()}OLD1`;
    const newToken = `EAAGnewnewnewnewnewnew${Date.now()}NEW2`;
    const id = await freshMessenger(oldToken);
    const apps = await call('support', 'GET', `${acme}/applications?capability=messages&pageSize=100`);
    const appId: string = apps.json.items[0].id;
    const account = `${acme}/accounts/messenger/${id}`;

    expect((await call('support', 'POST', `${account}/applications`, { body: { applicationId: appId } })).status).toBe(200);
    expect((await call('support', 'DELETE', `${account}/applications/${appId}`)).status).toBe(204);
    expect((await call('support', 'PATCH', account, { body: { name: 'Activity Test Page 2', accessToken: newToken } })).status).toBe(200);
    await expectNoUpstream(async () => {
      expect((await call('viewer', 'POST', `${account}/applications`, { body: { applicationId: appId } })).status).toBe(403);
    });

    const mine = (await events('support', `${acme}/activity?target=${id}`)).reverse();
    expect(mine.map((e) => [e.action, e.outcome, e.status, e.actor.email])).toEqual([
      ['account.create', 'ok', 201, 'support@demo.test'],
      ['account.link', 'ok', 200, 'support@demo.test'],
      ['account.unlink', 'ok', 204, 'support@demo.test'],
      ['account.rename-and-rotate-token', 'ok', 200, 'support@demo.test'],
      ['account.link', 'denied', 403, 'viewer@demo.test'],
    ]);
    const rotation = mine[3]!;
    expect(rotation.before).toEqual({ name: 'Activity Test Page', tokenHint: 'OLD1' });
    expect(rotation.after).toEqual({ name: 'Activity Test Page 2', tokenHint: 'NEW2' });
    expect(mine[1]!.after).toEqual({ applications: [appId] });
    const everything = JSON.stringify(await events('support', '/api/activity'));
    expect(everything).not.toContain(oldToken);
    expect(everything).not.toContain(newToken);
    for (const e of mine) expect(e.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names the applications of link and unlink events, as the index knows them, on both activity routes', async () => {
    const asked = new Date().toISOString();
    expect((await call('support', 'POST', `${acme}/index/refresh`)).status).toBe(202);
    await until('the re-read of acme ends', async () => {
      const s = (await call('support', 'GET', `${acme}/index`)).json as { running: boolean; finishedAt: string | null };
      return !s.running && s.finishedAt !== null && s.finishedAt >= asked;
    });
    const apps = await call('support', 'GET', `${acme}/applications?capability=messages&pageSize=100`);
    const app = apps.json.items[1] as { id: string; name: string };
    const id = await freshMessenger(`EAAGnamesnamesnames${Date.now()}`);
    const account = `${acme}/accounts/messenger/${id}`;
    expect((await call('support', 'POST', `${account}/applications`, { body: { applicationId: app.id } })).status).toBe(200);
    expect((await call('support', 'DELETE', `${account}/applications/${app.id}`)).status).toBe(204);

    for (const path of [`${acme}/activity?target=${id}`, `/api/activity?target=${id}`]) {
      const page = activityPageSchema.parse((await call('support', 'GET', path)).json);
      expect(page.items.map((e) => e.action)).toEqual(['account.unlink', 'account.link', 'account.create']);
      expect(page.applicationNames, path).toEqual({ [app.id]: app.name });
    }
    // Globex's own page names none of Acme's applications.
    const globex = activityPageSchema.parse((await call('globex', 'GET', '/api/workspaces/globex/activity')).json);
    expect(Object.keys(globex.applicationNames ?? {})).not.toContain(app.id);
  });

  it('records a failed change with the upstream status', async () => {
    await sim.faults({ script: [{ method: 'POST', path: '/beta/chatapp-accounts/whatsapp/447700900002/applications', status: 500 }] });
    try {
      const app = '6a2b1f7e-1c1d-4e0a-9b4e-0d7c1b2a3f4e';
      expect(
        (await call('support', 'POST', `${acme}/accounts/whatsapp/447700900002/applications`, { body: { applicationId: app } })).status,
      ).toBe(502);
    } finally {
      await sim.clearFaults();
    }
    const [last] = await events('support', `${acme}/activity?target=447700900002&action=account.link`);
    expect(last).toMatchObject({ outcome: 'failed', status: 502, upstreamStatus: 500 });
  });

  it('a customer sees their own workspace, with staff as "Support — name", and not every workspace', async () => {
    const seen = await events('acme', `${acme}/activity?actor=support@demo.test`);
    expect(seen.length).toBeGreaterThan(0);
    for (const e of seen) expect(e.actor).toEqual({ email: null, name: 'Support — Sam Support', role: 'support', via: 'password' });
    // The actor filter matches the email, which a customer never sees for staff: the list above came from it all the same.
    expect((await call('acme', 'GET', '/api/activity')).status).toBe(403);
    expect((await call('globex', 'GET', `${acme}/activity`)).status).toBe(404);
  });

  it("a customer's read of another workspace is refused and recorded for staff", async () => {
    expect((await call('globex', 'GET', `${acme}/accounts`)).status).toBe(404);
    const denied = await events('support', '/api/activity?action=workspace.read&outcome=denied&actor=owner@globex.test');
    expect(denied[0]).toMatchObject({ workspace: null, status: 404, after: { workspace: 'acme' } });
  });

  it('filters are checked: a bad outcome or cursor is a 400 naming the field', async () => {
    for (const [q, field] of [
      ['outcome=maybe', 'outcome'],
      ['cursor=abc', 'cursor'],
      ['from=yesterday', 'from'],
    ]) {
      const res = await call('support', 'GET', `${acme}/activity?${q}`);
      expect(res.status).toBe(400);
      expect(res.json.invalidParams[0].name).toBe(field);
    }
  });
});

describe('activity export', () => {
  it('streams the filtered events as CSV with a header, and records the export', async () => {
    const res = await call('support', 'GET', `${acme}/activity/export?format=csv&action=account.link`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="activity-acme-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'at,workspace,actor_email,actor_name,actor_role,action,target_kind,target_id,provider,outcome,status,upstream_status,before,after,request_id',
    );
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line).toContain(',account.link,');
    const [recorded] = await events('support', `${acme}/activity?action=activity.export`);
    expect(recorded).toMatchObject({
      outcome: 'ok',
      target: { kind: 'export', id: 'activity.csv' },
      after: { filters: { action: 'account.link' } },
    });
  });

  it('JSON Lines: one event a line, each a whole event', async () => {
    const res = await call('support', 'GET', `${acme}/activity/export?format=jsonl`);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const rows = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ActivityEventView);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows[0]).toHaveProperty('requestId');
  });

  it('a format it does not know is a 400, and a viewer may export (a read)', async () => {
    expect((await call('support', 'GET', `${acme}/activity/export?format=xlsx`)).json.invalidParams[0].name).toBe('format');
    expect((await call('viewer', 'GET', `${acme}/activity/export?format=jsonl`)).status).toBe(200);
  });
});

describe('sign-ins and sign-outs', () => {
  it('a refused sign-in, a sign-in and a sign-out are recorded; a customer sees their own in their workspace', async () => {
    const s = stack();
    const stranger = `nobody-${Date.now()}@example.test`;
    await expect(signIn(s.consoleUrl, stranger, 'wrong password')).rejects.toThrow(/failed/);
    const refused = await events('support', `/api/activity?action=session.sign-in&actor=${encodeURIComponent(stranger)}`);
    expect(refused[0]).toMatchObject({ outcome: 'denied', status: 401, workspace: null, target: { kind: 'session', id: stranger } });

    const cookie = await signIn(s.consoleUrl, 'owner@acme.test');
    const mine = await events('acme', `${acme}/activity?action=session.sign-in`);
    expect(mine[0]).toMatchObject({ outcome: 'ok', actor: { email: 'owner@acme.test' } });

    await signOut(s.consoleUrl, cookie);
    await expect
      .poll(async () => (await events('acme', `${acme}/activity?action=session.sign-out`))[0]?.actor.email)
      .toBe('owner@acme.test');
  });
});
