import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@/lib/db/client';
import { replaceIntents } from '@/lib/db/schema';
import { storeEngines } from '@/tests/support/databases';
import { claimLapsed } from '../replace-journal';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const intent = (id: string, leaseUntil: number) => ({
  id,
  workspace: 'acme',
  provider: 'whatsapp',
  externalId: `4477009000${id}`,
  fromApplication: 'old-app',
  toApplication: 'new-app',
  actor: { email: 'sam@example.com', name: 'Sam', role: 'support', via: 'password' },
  requestId: `req-${id}`,
  owner: 'instance-gone',
  startedAt: new Date(NOW - 60_000),
  leaseUntil: new Date(leaseUntil),
});

describe.each(storeEngines)('replace intents on %s', (_engine, unavailable, make) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    if (unavailable) return;
    const made = await make();
    drop = made.drop;
    store = await made.open();
  });
  afterAll(async () => {
    if (unavailable) return;
    await store.close();
    await drop();
  });

  it.skipIf(unavailable)('an intent whose lease ran out is taken over by exactly one instance; a live one by none', async () => {
    await store.db.insert(replaceIntents).values([intent('01', NOW - 1_000), intent('02', NOW - 5_000), intent('03', NOW + 5_000)]);
    // Two instances look at the same moment.
    const [a, b] = await Promise.all([claimLapsed(store.db, 'instance-a', NOW), claimLapsed(store.db, 'instance-b', NOW)]);
    const claimed = [...a, ...b].map((r) => r.id).sort();
    expect(claimed).toEqual(['01', '02']);
    // Claimed under a fresh lease: looked at again straight away, nothing is taken twice.
    expect(await claimLapsed(store.db, 'instance-c', NOW + 1)).toEqual([]);
    const rows = await store.db.select().from(replaceIntents);
    expect(rows.find((r) => r.id === '03')?.owner).toBe('instance-gone');
  });
});
