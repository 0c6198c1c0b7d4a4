import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@/lib/db/client';
import type { ActivityEventView, ActivityPage } from '@/lib/schemas/activity';
import { putApplications } from '@/lib/index/store';
import { storeEngines } from '@/tests/support/databases';
import { applicationIdsOf, withApplicationNames } from '../query';

/* The Activity page names the applications an event names by id, from the account index, in the event's own workspace. */
const event = (workspace: string | null, before: unknown, after: unknown): ActivityEventView => ({
  id: `e-${Math.random()}`,
  at: '2026-12-01T10:00:00.000Z',
  actor: { email: 'sam@example.com', name: 'Sam', role: 'support', via: 'password' },
  workspace,
  action: 'account.link',
  target: { kind: 'account', id: '447700900001', provider: 'whatsapp' },
  before,
  after,
  outcome: 'ok',
  status: 200,
  upstreamStatus: null,
  requestId: 'r1',
});
const app = (id: string, name: string) => ({ id, name, messages: true, inboundUrl: null, statusUrl: null });

describe('applicationIdsOf', () => {
  it('finds applicationId and every id of applications, before and after, and nothing else', () => {
    expect(
      applicationIdsOf(event('acme', { applicationId: 'a1' }, { applicationId: 'a2', applications: ['a3', 'a4'], name: 'x' })),
    ).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(applicationIdsOf(event('acme', null, { applicationId: null, applications: [7, 'a5'] }))).toEqual(['a5']);
    expect(applicationIdsOf(event('acme', 'text', undefined))).toEqual([]);
  });
});

describe.each(storeEngines)('withApplicationNames on %s', (_engine, unavailable, make) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    if (unavailable) return;
    const made = await make();
    drop = made.drop;
    store = await made.open();
    await putApplications(store.db, 'acme', [app('a1', 'Acme Support Bot'), app('a2', 'Acme IVR')]);
    await putApplications(store.db, 'globex', [app('g1', 'Globex Bot'), app('a3', 'Named in globex only')]);
  }, 60_000);
  afterAll(async () => {
    if (unavailable) return;
    await store.close();
    await drop();
  });

  it.skipIf(unavailable)('names each id the index knows in the event’s own workspace; others keep their id', async () => {
    const page: ActivityPage = {
      items: [
        event('acme', { applicationId: 'a1' }, { applicationId: 'a2' }),
        // a3 is known, but in globex: an acme event does not learn its name.
        event('acme', null, { applications: ['a3', 'gone'] }),
        event('globex', { applicationId: 'g1' }, null),
        event(null, null, { applicationId: 'a1' }),
      ],
      nextCursor: '12',
    };
    expect(await withApplicationNames(store.db, page)).toEqual({
      ...page,
      applicationNames: { a1: 'Acme Support Bot', a2: 'Acme IVR', g1: 'Globex Bot' },
    });
  });

  it.skipIf(unavailable)('a page that names no application is answered as it is, without asking the store', async () => {
    const page: ActivityPage = { items: [event('acme', { name: 'Old' }, { name: 'New' })], nextCursor: null };
    const db = new Proxy(store.db, {
      get: () => {
        throw new Error('the store was asked');
      },
    });
    expect(await withApplicationNames(db, page)).toBe(page);
  });
});
