import type { NextRequest } from 'next/server';
import { metricsResponse } from '@/lib/metrics/endpoint';

export const dynamic = 'force-dynamic';

/** Prometheus metrics, for a scraper holding METRICS_TOKEN (docs/operations.md); no session. */
export function GET(req: NextRequest) {
  return metricsResponse(req.headers.get('authorization'));
}
