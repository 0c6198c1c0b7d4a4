export const dynamic = 'force-dynamic';

import { storeAnswers } from '@/lib/db/client';

/** Readiness for a load balancer: 200 once the store answers with its migrations applied; no session needed. */
export async function GET() {
  const ready = await storeAnswers();
  return Response.json(ready ? { status: 'ready' } : { status: 'starting', detail: 'The store does not answer yet.' }, {
    status: ready ? 200 : 503,
    headers: { 'cache-control': 'no-store', ...(ready ? {} : { 'retry-after': '1' }) },
  });
}
