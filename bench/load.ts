/** One autocannon run with every 2xx latency kept as a float, so sub-millisecond differences are visible. */
import autocannon from 'autocannon';
import { percentile } from './stats';

export interface LoadRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  /** Origin, e.g. http://127.0.0.1:4010 */
  origin: string;
  connections: number;
  durationS: number;
  headers: Record<string, string>;
  /** Requests each connection sends in turn; `perConnection` gives each connection its own list. */
  requests?: LoadRequest[];
  perConnection?: (index: number) => LoadRequest[];
}

export interface LoadResult {
  p50Ms: number;
  p99Ms: number;
  /** 2xx answers per second over the run. */
  rps: number;
  count: number;
  /** Answers that were not 2xx, and socket errors or timeouts: a run with any is not a measurement. */
  non2xx: number;
  errors: number;
  statuses: Record<number, number>;
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  const samples: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const instance = autocannon({
    url: spec.origin,
    connections: spec.connections,
    duration: spec.durationS,
    headers: spec.headers,
    timeout: 10,
    ...(spec.requests ? { requests: spec.requests } : {}),
    ...(spec.perConnection
      ? {
          setupClient: (client: autocannon.Client & { setRequests?: (r: LoadRequest[]) => void }) => {
            client.setRequests?.(spec.perConnection!(next++));
          },
        }
      : {}),
  });
  // Called without a callback, autocannon answers an EventEmitter that is also a promise of the result.
  (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300) samples.push(ms);
  });
  const result = await instance;
  samples.sort((a, b) => a - b);
  return {
    p50Ms: percentile(samples, 50),
    p99Ms: percentile(samples, 99),
    rps: samples.length / result.duration,
    count: samples.length,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses,
  };
}
