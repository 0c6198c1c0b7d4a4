import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, vi } from 'vitest';

/** What the browser would have sent: the call as made, and its method, JSON body, anti-forgery header and signal read out. */
export interface Sent {
  url: string;
  init: RequestInit;
  method: string;
  body: unknown;
  csrf: string | null;
  signal: AbortSignal | null | undefined;
}

/**
 * Replaces `fetch` for each test of the file that calls it: every request is recorded in `net.calls` and answered from
 * `net.answers` in order; with none left it fails as the network would. Timers are made real again after each test.
 */
export function stubFetch() {
  const net = { calls: [] as Sent[], answers: [] as (() => Response)[] };
  beforeEach(() => {
    net.calls = [];
    net.answers = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => {
        net.calls.push({
          url,
          init,
          method: init.method ?? 'GET',
          body: init.body ? JSON.parse(String(init.body)) : undefined,
          csrf: new Headers(init.headers).get('x-csrf'),
          signal: init.signal,
        });
        const next = net.answers.shift();
        if (!next) throw new TypeError('fetch failed');
        return next();
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });
  return net;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A client whose queries are all fresh and never retried; `handOver` gives it to the mocked `useQueryClient`. */
export function testClient(handOver: (qc: QueryClient) => void): QueryClient {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  handOver(qc);
  return qc;
}

/** Whether a query was marked stale (null: not in the cache). */
export const stale = (qc: QueryClient, key: readonly unknown[]) => qc.getQueryState(key)?.isInvalidated ?? null;
