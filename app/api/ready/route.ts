export const dynamic = 'force-dynamic';

import { storeAnswers } from '@/lib/db/client';
import { stopping } from '@/lib/lifecycle';

/**
 * Readiness for a load balancer: 200 once the store answers with its migrations applied; 503 before, and from
 * SIGTERM on (the instance is draining). No session needed.
 */
export async function GET() {
  const draining = stopping();
  const ready = !draining && (await storeAnswers());
  const detail = draining ? 'This instance is shutting down.' : 'The store does not answer yet.';
  return Response.json(ready ? { status: 'ready' } : { status: draining ? 'stopping' : 'starting', detail }, {
    status: ready ? 200 : 503,
    headers: { 'cache-control': 'no-store', ...(ready ? {} : { 'retry-after': '1' }) },
  });
}
