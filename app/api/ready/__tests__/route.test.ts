import { afterEach, describe, expect, it } from 'vitest';
import { GET } from '../route';

const slot = globalThis as typeof globalThis & { consoleStopping?: boolean };

afterEach(() => {
  delete slot.consoleStopping;
});

describe('GET /api/ready while the instance stops', () => {
  it('answers 503 with Retry-After once SIGTERM has set the stopping flag (scripts/server.mjs), without asking the store', async () => {
    slot.consoleStopping = true;
    const res = await GET();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({ status: 'stopping', detail: 'This instance is shutting down.' });
  });
});
