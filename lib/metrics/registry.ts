import 'server-only';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/*
 * The console's Prometheus series (docs/operations.md, "What to alert on").
 * One registry per process, on globalThis: Next bundles each route apart, and
 * a second copy of these series would be a second, empty registry.
 */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'console_' });
  const registers = [registry];
  return {
    registry,
    requests: new Histogram({
      name: 'console_http_request_duration_seconds',
      help: 'BFF requests by route pattern, method and status.',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: SECONDS,
      registers,
    }),
    upstreamCalls: new Counter({
      name: 'console_upstream_calls_total',
      help: 'Calls to Vonage (each attempt) by operation and outcome: the HTTP status, or the failure kind.',
      labelNames: ['op', 'outcome'] as const,
      registers,
    }),
    upstreamSeconds: new Histogram({
      name: 'console_upstream_call_duration_seconds',
      help: 'Duration of each call to Vonage, by operation.',
      labelNames: ['op'] as const,
      buckets: SECONDS,
      registers,
    }),
    retries: new Counter({
      name: 'console_upstream_retries_total',
      help: 'Reads to Vonage tried again (within the retry budget), by operation.',
      labelNames: ['op'] as const,
      registers,
    }),
    breaker: new Gauge({
      name: 'console_upstream_breaker_state',
      help: 'Circuit breaker per workspace and host, as of the scrape: 0 closed, 1 half-open, 2 open.',
      labelNames: ['workspace', 'host'] as const,
      registers,
    }),
    storeSeconds: new Histogram({
      name: 'console_store_query_duration_seconds',
      help: 'Store queries by engine (pglite or postgres).',
      labelNames: ['engine'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    indexAge: new Gauge({
      name: 'console_index_age_seconds',
      help: 'Seconds since the last whole re-read of a workspace’s account index (absent before the first one).',
      labelNames: ['workspace'] as const,
      registers,
    }),
    sessions: new Gauge({
      name: 'console_sessions_active',
      help: 'Sessions neither ended nor past their idle or absolute limit (all instances: the store’s count).',
      registers,
    }),
  };
}

const slot = globalThis as typeof globalThis & { consoleMetrics?: ReturnType<typeof create> };

/** The process's series, made once. */
export function metrics(): ReturnType<typeof create> {
  slot.consoleMetrics ??= create();
  return slot.consoleMetrics;
}
