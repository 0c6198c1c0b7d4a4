import { describe, expect, it } from 'vitest';
import { byProviderOrder, PROVIDER_ORDER, PROVIDERS } from '../providers';

describe('the order pages show providers in', () => {
  it('is the Accounts tabs’ order, and holds every provider once', () => {
    expect(PROVIDER_ORDER).toEqual(['messenger', 'whatsapp', 'viber_service_msg', 'rcs']);
    expect([...PROVIDER_ORDER].sort()).toEqual([...PROVIDERS].sort());
  });

  it('sorts by provider in that order and keeps the order within a provider', () => {
    const rows = [
      { p: 'rcs', id: 1 },
      { p: 'messenger', id: 2 },
      { p: 'viber_service_msg', id: 3 },
      { p: 'whatsapp', id: 4 },
      { p: 'messenger', id: 5 },
      { p: 'rcs', id: 6 },
    ];
    expect(byProviderOrder(rows, (r) => r.p).map((r) => r.id)).toEqual([2, 5, 4, 3, 1, 6]);
    expect(rows[0]!.id).toBe(1); // the input is left as it was
  });
});
