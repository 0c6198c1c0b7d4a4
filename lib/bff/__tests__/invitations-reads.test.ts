import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workspace } from '@/lib/config/load';

/*
 * The invitation link's two BFF steps and the shared reads, with their edges replaced: the invitations store, the
 * activity writer, Vonage and the index. What is checked is what the browser and the activity log get.
 */
const edges = vi.hoisted(() => ({
  opened: null as unknown,
  accepted: null as unknown,
  events: [] as Record<string, unknown>[],
  page: { items: [] as { id: string; messages: boolean }[] },
  beyond: [] as { id: string; messages: boolean }[],
  asked: [] as unknown[],
}));
vi.mock('@/lib/auth/invitations', () => ({
  REFUSAL_WORDS: { unknown: 'w-unknown', used: 'w-used', expired: 'w-expired', inviter: 'w-inviter' },
  openInvitation: async () => edges.opened,
  acceptInvitation: async () => edges.accepted,
}));
vi.mock('@/lib/activity/write', () => ({
  record: async (event: Record<string, unknown>) => {
    edges.events.push(event);
  },
}));
vi.mock('@/lib/config/load', () => ({
  getConfig: () => ({ workspaces: new Map([['acme', { id: 'acme', name: 'Acme Corp' }]]), users: new Map() }),
}));
vi.mock('@/lib/vonage/accounts', () => ({
  listAccounts: async (...args: unknown[]) => {
    edges.asked.push(['listAccounts', ...args]);
    return { items: [] };
  },
}));
vi.mock('@/lib/vonage/applications', () => ({
  SCAN_BOUND: 3,
  listApplications: async (...args: unknown[]) => {
    edges.asked.push(['listApplications', ...args]);
    return { ...edges.page, page: 1, pageSize: 100, totalItems: edges.page.items.length, totalPages: 1 };
  },
}));
vi.mock('@/lib/index/views', () => ({
  indexedApplicationsBeyond: async (ws: string, known: Set<string>) => {
    edges.asked.push(['beyond', ws, [...known]]);
    return edges.beyond;
  },
}));
vi.mock('@/lib/index/read-account', () => ({
  accountForView: async (...args: unknown[]) => {
    edges.asked.push(['accountForView', ...args]);
    return { externalId: 'x' };
  },
}));

const { describeInvitation, spendInvitation } = await import('../invitations');
const { accountDetail, accountList, applicationList } = await import('../reads');
const { HttpError } = await import('../problem');

const row = (over: Record<string, unknown> = {}) => ({
  id: 'i1',
  kind: 'invitation',
  email: 'pat@b.test',
  role: 'customer',
  workspace: 'acme',
  invitedBy: 'admin@b.test',
  expiresAt: new Date('2026-12-04T00:00:00Z'),
  usedAt: null,
  ...over,
});
const req = () =>
  new NextRequest('http://console.test/api/invitations/accept', {
    method: 'POST',
    headers: { 'user-agent': 'UA/1', 'x-forwarded-for': '203.0.113.9' },
  });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as InstanceType<typeof HttpError>,
  );

beforeEach(() => {
  edges.events = [];
  edges.asked = [];
  edges.beyond = [];
  edges.page = { items: [] };
});

describe('opening an invitation link', () => {
  it('says what it offers: the role, the workspace by name, when it ends', async () => {
    edges.opened = { row: row() };
    expect(await describeInvitation('t')).toEqual({
      kind: 'invitation',
      email: 'pat@b.test',
      role: 'customer',
      workspace: 'acme',
      workspaceName: 'Acme Corp',
      expiresAt: '2026-12-04T00:00:00.000Z',
    });
  });

  it('the first admin’s link names no workspace; an unknown workspace is named by its id', async () => {
    edges.opened = { row: row({ kind: 'first-admin', email: null, role: 'admin', workspace: null }) };
    expect(await describeInvitation('t')).toMatchObject({ kind: 'first-admin', email: null, workspace: null, workspaceName: null });
    edges.opened = { row: row({ workspace: 'gone' }) };
    expect(await describeInvitation('t')).toMatchObject({ workspace: 'gone', workspaceName: 'gone' });
  });

  it('an unknown link is a 404; a used, expired or orphaned one a 410 of its own type, with its words', async () => {
    edges.opened = { refused: 'unknown' };
    expect(await failure(describeInvitation('t'))).toMatchObject({ status: 404, title: 'Invitation not found', detail: 'w-unknown' });
    for (const why of ['used', 'expired', 'inviter']) {
      edges.opened = { refused: why, row: row() };
      const e = await failure(describeInvitation('t'));
      expect(e).toBeInstanceOf(HttpError);
      expect(e).toMatchObject({
        status: 410,
        title: 'Invitation no longer valid',
        detail: `w-${why}`,
        extra: { type: `invitation-${why}` },
      });
    }
  });
});

describe('accepting an invitation', () => {
  it('answers the email, and records the use in the workspace it names, by the person it made', async () => {
    edges.accepted = { ok: true, email: 'pat@b.test', row: row() };
    expect(await spendInvitation(req(), { token: 't', name: 'Pat', password: 'p' })).toEqual({ email: 'pat@b.test' });
    expect(edges.events).toEqual([
      expect.objectContaining({
        actor: { email: 'pat@b.test', name: 'pat@b.test', role: 'customer', via: 'invitation' },
        workspace: 'acme',
        action: 'invitation.accept',
        target: { kind: 'person', id: 'pat@b.test' },
        before: null,
        after: { role: 'customer', workspace: 'acme' },
        outcome: 'ok',
        status: 201,
        upstreamStatus: null,
        correlationId: null,
        userAgent: 'UA/1',
      }),
    ]);
    expect(edges.events[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a refused use is recorded as denied, by the invitation’s email, and answered 410', async () => {
    edges.accepted = { ok: false, refused: 'used', row: row() };
    expect(await failure(spendInvitation(req(), { token: 't', name: 'Pat', password: 'p' }))).toMatchObject({ status: 410 });
    expect(edges.events).toEqual([
      expect.objectContaining({
        actor: { email: 'pat@b.test', name: 'pat@b.test', role: 'customer', via: 'invitation' },
        target: { kind: 'person', id: 'pat@b.test' },
        after: { refused: 'used' },
        outcome: 'denied',
        status: 410,
      }),
    ]);
  });

  it('a first admin’s link refused names someone unknown; an unknown link is not recorded at all', async () => {
    edges.accepted = { ok: false, refused: 'expired', row: row({ email: null, role: 'admin', workspace: null }) };
    await failure(spendInvitation(req(), { token: 't', name: 'P', password: 'p' }));
    expect(edges.events[0]).toMatchObject({
      actor: { email: '', name: 'Someone', role: 'admin', via: 'invitation' },
      workspace: null,
      target: { kind: 'person', id: '' },
    });
    edges.events = [];
    edges.accepted = { ok: false, refused: 'unknown' };
    expect(await failure(spendInvitation(req(), { token: 't', name: 'P', password: 'p' }))).toMatchObject({ status: 404 });
    expect(edges.events).toEqual([]);
  });

  it('a refusal without its row is recorded with what is known', async () => {
    edges.accepted = { ok: false, refused: 'used' };
    await failure(spendInvitation(req(), { token: 't', name: 'P', password: 'p' }));
    expect(edges.events[0]).toMatchObject({ actor: { email: '', name: 'Someone', role: 'unknown' }, workspace: null });
  });

  it('a field refused is a 400 naming the field, with nothing recorded', async () => {
    edges.accepted = { ok: false, field: 'password', reason: 'Use at least 12 characters' };
    expect(await failure(spendInvitation(req(), { token: 't', name: 'P', password: 'p' }))).toMatchObject({
      status: 400,
      title: 'Invalid body',
      detail: 'Use at least 12 characters',
      extra: { invalidParams: [{ name: 'password', reason: 'Use at least 12 characters' }] },
    });
    expect(edges.events).toEqual([]);
  });
});

describe('the shared reads', () => {
  const ws = { id: 'acme' } as Workspace;
  const app = (id: string, messages = true) => ({ id, messages });

  it('name what they do, for the activity log and the rate limit', () => {
    expect([accountList.name, accountList.action]).toEqual(['accounts.list', 'read']);
    expect([accountDetail.name, accountDetail.action]).toEqual(['accounts.detail', 'read']);
    expect([applicationList.name, applicationList.action]).toEqual(['applications.list', 'read']);
  });

  it('a list page and an account go to Vonage and the index with what was asked', async () => {
    const query = { page: 2, pageSize: 20 };
    await accountList.run({ workspace: ws, query } as never);
    await accountDetail.run({ workspace: ws, params: { provider: 'rcs', externalId: 'agent' } } as never);
    expect(edges.asked).toEqual([
      ['listAccounts', ws, query],
      ['accountForView', ws, 'rcs', 'agent'],
    ]);
  });

  it('a page of applications is Vonage’s, unless every one is asked for and the scan was cut off', async () => {
    edges.page = { items: [app('a'), app('b'), app('c')] };
    edges.beyond = [app('d'), app('e', false)];
    expect((await applicationList.run({ workspace: ws, query: { page: 1, pageSize: 20 } } as never)).items).toHaveLength(3);
    edges.page = { items: [app('a'), app('b')] };
    expect((await applicationList.run({ workspace: ws, query: { page: 1, pageSize: 20, all: true } } as never)).items).toHaveLength(2);
    expect(edges.asked.filter((a) => (a as unknown[])[0] === 'beyond')).toEqual([]);
  });

  it('past the scan bound, every one adds the applications only the index knows, filtered by capability when asked', async () => {
    edges.page = { items: [app('a'), app('b'), app('c')] };
    edges.beyond = [app('d'), app('e', false)];
    const all = await applicationList.run({ workspace: ws, query: { page: 1, pageSize: 20, all: true } } as never);
    expect(all).toMatchObject({ items: [app('a'), app('b'), app('c'), app('d'), app('e', false)], pageSize: 5, totalItems: 5 });
    expect(edges.asked).toContainEqual(['beyond', 'acme', ['a', 'b', 'c']]);
    const messaging = await applicationList.run({
      workspace: ws,
      query: { page: 1, pageSize: 20, all: true, capability: 'messages' },
    } as never);
    expect(messaging).toMatchObject({ items: [app('a'), app('b'), app('c'), app('d')], pageSize: 4, totalItems: 4 });
  });
});
