import { describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { GET } from '../route';

describe('GET /api/metrics without METRICS_TOKEN', () => {
  it('answers 404, as for a route that is not there, whatever the caller sends', async () => {
    expect(process.env.METRICS_TOKEN).toBeUndefined();
    for (const authorization of [undefined, 'Bearer anything-at-all-here']) {
      const res = await GET(new NextRequest('http://127.0.0.1/api/metrics', { headers: authorization ? { authorization } : {} }));
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('console_');
    }
  });
});
