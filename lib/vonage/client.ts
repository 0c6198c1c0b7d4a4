import 'server-only';
import type { Workspace } from '@/lib/config/load';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { countRetry, observeUpstream } from '@/lib/metrics/hooks';
import { breaker, type Outcome } from './breaker';
import { UpstreamError } from './errors';
import { once, transportFailure } from './attempt';
import { backoffMs, clock, MAX_ATTEMPTS, retryBudget } from './retry';

const MAX_IN_FLIGHT = 256;
/** A Retry-After this short is waited out; a longer one goes back to the browser as 429. */
const WAIT_RETRY_AFTER_MAX_S = 2;

let inFlight = 0;

export const API_PREFIX = { accounts: '/beta/chatapp-accounts', applications: '/v2/applications' } as const;

export interface UpstreamCall {
  workspace: Workspace;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  api: keyof typeof API_PREFIX;
  /** Path segments, each already validated; they are encoded again here all the same. */
  segments?: string[];
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  op: string;
}

export interface UpstreamAnswer {
  status: number;
  body: unknown;
  retryAfterSeconds: number | null;
}

/** The total deadline of one upstream call with its retries: UPSTREAM_TIMEOUT_MS (lib/env.ts); tests shorten it. */
export const deadline = { totalMs: (): number => env().UPSTREAM_TIMEOUT_MS };

export function buildUrl(call: Pick<UpstreamCall, 'workspace' | 'api' | 'segments' | 'query'>): URL {
  const segments = (call.segments ?? []).map((s) => {
    if (s === '' || s === '.' || s === '..' || /[\u0000-\u001f/\\?#%]/.test(s)) throw new Error('refusing an unsafe upstream path segment');
    return '/' + encodeURIComponent(s);
  });
  const base = new URL(call.workspace.baseUrl);
  const url = new URL(call.workspace.baseUrl + API_PREFIX[call.api] + segments.join(''));
  if (url.origin !== base.origin) throw new Error('upstream origin changed');
  for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

/** Failures that say Vonage (or the way to it) is unhealthy; a 4xx answer is a healthy Vonage. */
const UNHEALTHY = new Set(['timeout', 'unreachable', 'server_error', 'bad_response', 'unconfirmed']);

/** The attempt loop: bounded retries of reads only, inside one deadline. */
async function attempts(call: UpstreamCall, url: URL, breakerKey: string): Promise<UpstreamAnswer> {
  const until = clock.now() + deadline.totalMs();
  const retriable = call.method === 'GET';
  for (let attempt = 1; ; attempt += 1) {
    const started = clock.now();
    let answer: UpstreamAnswer | null = null;
    let failure: UpstreamError | null = null;
    try {
      answer = await once(call, url, until);
    } catch (e) {
      failure = transportFailure(e, !retriable);
    }
    const status = answer?.status;
    log('info', 'upstream', {
      op: call.op,
      method: call.method,
      status: status ?? failure?.kind,
      ms: clock.now() - started,
      attempt,
      breaker: breaker.state(breakerKey),
    });
    observeUpstream(call.op, status ?? failure?.kind, clock.now() - started);
    const retryAfter = answer?.retryAfterSeconds ?? null;
    const again =
      retriable &&
      attempt < MAX_ATTEMPTS &&
      (failure?.kind === 'unreachable' ||
        status === 502 ||
        status === 503 ||
        status === 504 ||
        (status === 429 && retryAfter !== null && retryAfter <= WAIT_RETRY_AFTER_MAX_S));
    const pause = status === 429 ? (retryAfter ?? 0) * 1000 : backoffMs(attempt);
    if (again && clock.now() + pause < until && retryBudget.spend()) {
      countRetry(call.op);
      await clock.sleep(pause);
      continue;
    }
    if (failure) throw failure;
    if (answer && answer.status >= 500) throw new UpstreamError('server_error', 'upstream failed', { status: answer.status });
    return answer as UpstreamAnswer;
  }
}

/**
 * The one way to call Vonage: auth header, timeouts, bodies capped while they
 * stream, no redirects, bounded retries of reads only, and the circuit breaker
 * per workspace and host. `handle` reads the answer (status and shape) inside
 * the breaker, so a 200 of the wrong shape counts as a failure. A change whose
 * 2xx answer cannot be read is `unconfirmed`: Vonage may have made it.
 */
export async function vonageFetch<T = UpstreamAnswer>(call: UpstreamCall, handle?: (answer: UpstreamAnswer) => T): Promise<T> {
  const url = buildUrl(call);
  const breakerKey = `${call.workspace.id}|${url.host}`;
  const ticket = breaker.admit(breakerKey);
  if ('waitMs' in ticket)
    throw new UpstreamError('circuit_open', 'upstream failing; circuit open', { retryAfterSeconds: Math.ceil(ticket.waitMs / 1000) });
  let outcome: Outcome = 'gave-up';
  try {
    if (inFlight >= MAX_IN_FLIGHT) throw new UpstreamError('overloaded', 'too many upstream calls in flight');
    retryBudget.earn();
    inFlight += 1;
    let answer: UpstreamAnswer;
    try {
      answer = await attempts(call, url, breakerKey);
    } finally {
      inFlight -= 1;
    }
    const result = handle ? handle(answer) : (answer as T);
    outcome = 'success';
    return result;
  } catch (e) {
    outcome = e instanceof UpstreamError && !UNHEALTHY.has(e.kind) ? (e.kind === 'overloaded' ? 'gave-up' : 'success') : 'failure';
    if (
      e instanceof UpstreamError &&
      e.kind === 'bad_response' &&
      call.method !== 'GET' &&
      (e.extra.status ?? 0) < 300 &&
      (e.extra.status ?? 0) >= 200
    )
      throw new UpstreamError('unconfirmed', 'a change was answered with a body that cannot be read', { status: e.extra.status });
    throw e;
  } finally {
    breaker.report(ticket, outcome);
  }
}
