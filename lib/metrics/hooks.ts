import 'server-only';
import { metrics } from './registry';
import { routePattern } from './routes';

/*
 * The one-line hooks that other modules call. Each swallows its own failure:
 * a metric must never fail the request it measures.
 */
function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Metrics are best effort.
  }
}

/** A BFF request's answer (lib/bff/handler.ts), labelled by its route pattern, never its raw path. */
export function observeRequest(method: string, pathname: string, status: number, ms: number): void {
  safely(() => metrics().requests.observe({ route: routePattern(pathname), method, status: String(status) }, ms / 1000));
}

/** One attempt at Vonage (lib/vonage/client.ts): `outcome` is the HTTP status or the failure kind. */
export function observeUpstream(op: string, outcome: string | number | undefined, ms: number): void {
  safely(() => {
    const m = metrics();
    m.upstreamCalls.inc({ op, outcome: String(outcome ?? 'unknown') });
    m.upstreamSeconds.observe({ op }, ms / 1000);
  });
}

export function countRetry(op: string): void {
  safely(() => metrics().retries.inc({ op }));
}

type Queryable = { query: (...args: never[]) => unknown };

/** Times every `query` of a store client (lib/db/client.ts): pg's pool or PGlite. */
export function timeQueries<T extends Queryable>(client: T, engine: 'pglite' | 'postgres'): T {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const end = metrics().storeSeconds.startTimer({ engine });
    const result = original(...args);
    if (result instanceof Promise)
      result.then(
        () => end(),
        () => end(),
      );
    else end();
    return result;
  };
  return client;
}
