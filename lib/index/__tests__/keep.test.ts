import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Workspace } from '@/lib/config/load';
import type { Account } from '@/lib/schemas/account';

/* The index follows what Vonage answers; the same answer read again soon is not written again. */
const writes = vi.hoisted(() => [] as string[]);
const db = vi.hoisted(() => ({}));
vi.mock('@/lib/db/client', () => ({ store: async () => ({ db }) }));
vi.mock('../store', () => ({
  putAccounts: async (_db: unknown, ws: string, accounts: Account[]) => {
    writes.push(`put ${ws} ${accounts.map((a) => `${a.externalId}:${a.applications.join(',')}`).join(' ')}`);
  },
  dropAccount: async (_db: unknown, ws: string, _p: string, id: string) => {
    writes.push(`drop ${ws} ${id}`);
  },
  markUnlinkedAll: async (_db: unknown, ws: string, unlinks: { externalId: string; applicationId: string }[]) => {
    writes.push(`unlinked ${ws} ${unlinks.map((u) => `${u.externalId}:${u.applicationId}`).join(' ')}`);
  },
}));

const { forgetWritten, keepIndex, SAME_FOR_MS } = await import('../keep');

const ws = { id: 'acme' } as Workspace;
const account = (over: Partial<Account> = {}): Account => ({
  provider: 'whatsapp',
  externalId: '447700900001',
  name: 'Acme',
  applications: [],
  apiKey: 'abcd1234',
  accessTokenHint: null,
  ...over,
});

beforeEach(() => {
  writes.length = 0;
  forgetWritten();
});

describe('keepIndex.seen', () => {
  it('writes an account once while Vonage keeps answering the same, and again after SAME_FOR_MS', async () => {
    const t = 1_000_000;
    await keepIndex.seen(ws, account(), t);
    await keepIndex.seen(ws, account(), t + 1);
    await keepIndex.seen(ws, account(), t + SAME_FOR_MS - 1);
    expect(writes).toEqual(['put acme 447700900001:']);
    await keepIndex.seen(ws, account(), t + SAME_FOR_MS);
    expect(writes).toHaveLength(2);
  });

  it('writes whenever what the index keeps differs: a link, a new name, another workspace', async () => {
    const t = 1_000_000;
    await keepIndex.seen(ws, account(), t);
    await keepIndex.seen(ws, account({ applications: ['app-1'] }), t + 1);
    await keepIndex.seen(ws, account({ applications: ['app-1'], name: 'Renamed' }), t + 2);
    await keepIndex.seen({ id: 'globex' } as Workspace, account({ applications: ['app-1'], name: 'Renamed' }), t + 3);
    expect(writes).toEqual([
      'put acme 447700900001:',
      'put acme 447700900001:app-1',
      'put acme 447700900001:app-1',
      'put globex 447700900001:app-1',
    ]);
  });

  it('writes again after an unlink or a delete through this process, whatever it wrote before', async () => {
    const t = 1_000_000;
    await keepIndex.seen(ws, account({ applications: ['app-1'] }), t);
    await keepIndex.unlinked(ws, 'whatsapp', '447700900001', 'app-1');
    await keepIndex.seen(ws, account({ applications: ['app-1'] }), t + 1);
    await keepIndex.gone(ws, 'whatsapp', '447700900001');
    await keepIndex.seen(ws, account({ applications: ['app-1'] }), t + 2);
    expect(writes).toEqual([
      'put acme 447700900001:app-1',
      'unlinked acme 447700900001:app-1',
      'put acme 447700900001:app-1',
      'drop acme 447700900001',
      'put acme 447700900001:app-1',
    ]);
  });
});

describe('index writes asked for at once', () => {
  const other = (n: number, over: Partial<Account> = {}) => account({ externalId: `44770090010${n}`, ...over });

  it('are written together, in one statement per workspace and kind', async () => {
    const t = 2_000_000;
    await Promise.all([
      ...[1, 2, 3].map((n) => keepIndex.seen(ws, other(n), t)),
      keepIndex.unlinked(ws, 'whatsapp', '447700900109', 'app-9'),
      keepIndex.seen({ id: 'globex' } as Workspace, other(4), t),
    ]);
    expect(writes).toEqual([
      'put acme 447700900101: 447700900102: 447700900103:',
      'unlinked acme 447700900109:app-9',
      'put globex 447700900104:',
    ]);
  });

  it('fold one account’s writes in the order asked: an unlink after an answer applies to it, an answer after an unlink wins', async () => {
    const t = 3_000_000;
    await Promise.all([
      keepIndex.seen(ws, other(0), t),
      // The group: account 1 linked then unlinked; account 2 unlinked then answered linked again.
      keepIndex.seen(ws, other(1, { applications: ['app-1'] }), t),
      keepIndex.unlinked(ws, 'whatsapp', '447700900101', 'app-1'),
      keepIndex.unlinked(ws, 'whatsapp', '447700900102', 'app-1'),
      keepIndex.seen(ws, other(2, { applications: ['app-1'] }), t),
      // An unlink of an application the answer does not hold leaves the answer as it is.
      keepIndex.seen(ws, other(3, { applications: ['app-3'] }), t),
      keepIndex.unlinked(ws, 'whatsapp', '447700900103', 'app-1'),
    ]);
    expect(writes).toEqual(['put acme 447700900100: 447700900101: 447700900102:app-1 447700900103:app-3']);
  });
});
