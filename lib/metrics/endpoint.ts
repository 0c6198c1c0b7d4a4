import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { refreshBreakerGauges, refreshStoreGauges } from './gauges';
import { metrics } from './registry';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether an Authorization header carries METRICS_TOKEN, compared in constant time (of the digests, so lengths leak nothing). */
export function bearerMatches(header: string | null, token: string): boolean {
  const given = /^Bearer (\S+)$/i.exec(header?.trim() ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}

const problem = (status: number, title: string, extra: Record<string, string> = {}) =>
  Response.json(
    { type: status === 404 ? '/problems/not-found' : '/problems/unauthenticated', title, status },
    { status, headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...extra } },
  );

/**
 * GET /api/metrics: Prometheus's text format for a scraper that sends
 * `Authorization: Bearer $METRICS_TOKEN`; 404 while no token is configured,
 * 401 for a missing or wrong one.
 */
export async function metricsResponse(authorization: string | null): Promise<Response> {
  const token = env().METRICS_TOKEN;
  if (!token) return problem(404, 'Not found');
  if (!bearerMatches(authorization, token)) return problem(401, 'Metrics token required', { 'www-authenticate': 'Bearer' });
  try {
    refreshBreakerGauges();
    await refreshStoreGauges();
  } catch (e) {
    // The store's own series stay as last read; the process's series are still worth a scrape.
    log('warn', 'metrics: store gauges not read', { error: e instanceof Error ? e.message : String(e) });
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}
