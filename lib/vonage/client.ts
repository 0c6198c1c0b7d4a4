import 'server-only';
import { Agent } from 'undici';
import type { Workspace } from '@/lib/config/load';
import { log } from '@/lib/log';
import { breaker } from './breaker';
import { UpstreamError } from './errors';
import { applicationJwt } from './jwt';
import { backoffMs, MAX_ATTEMPTS, parseRetryAfter, retryBudget, sleep } from './retry';

const CONNECT_TIMEOUT_MS = 2_000;
const MAX_IN_FLIGHT = 256;
const MAX_BODY_BYTES = 1024 * 1024;
/** A Retry-After this short is waited out; a longer one goes back to the browser as 429. */
const WAIT_RETRY_AFTER_MAX_S = 2;

/** One keep-alive pool for every upstream call. */
const agent = new Agent({
  connect: { timeout: CONNECT_TIMEOUT_MS },
  keepAliveTimeout: 10_000,
  connections: 128,
  pipelining: 1,
});
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

function totalTimeoutMs(): number {
  const n = Number(process.env.UPSTREAM_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : 10_000;
}

export function buildUrl(call: Pick<UpstreamCall, 'workspace' | 'api' | 'segments' | 'query'>): URL {
  const segments = (call.segments ?? []).map((s) => {
    if (s === '' || s === '.' || s === '..' || /[\u0000-\u001f/\\?#%]/.test(s))
      throw new Error('refusing an unsafe upstream path segment');
    return '/' + encodeURIComponent(s);
  });
  const base = new URL(call.workspace.baseUrl);
  const url = new URL(call.workspace.baseUrl + API_PREFIX[call.api] + segments.join(''));
  if (url.origin !== base.origin) throw new Error('upstream origin changed');
  for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

async function authorization(call: UpstreamCall): Promise<string> {
  const ws = call.workspace;
  if (call.api === 'accounts' && ws.jwt)
    return `Bearer ${await applicationJwt(ws.id, ws.jwt.applicationId, ws.jwt.privateKey)}`;
  return `Basic ${Buffer.from(`${ws.apiKey}:${ws.apiSecret}`).toString('base64')}`;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text.length > MAX_BODY_BYTES) throw new UpstreamError('bad_response', 'upstream body too large');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new UpstreamError('bad_response', 'upstream answered non-JSON', { status: res.status });
  }
}

async function once(call: UpstreamCall, url: URL, deadline: number): Promise<UpstreamAnswer> {
  const res = await fetch(url, {
    method: call.method,
    headers: {
      authorization: await authorization(call),
      accept: 'application/json',
      ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: call.body !== undefined ? JSON.stringify(call.body) : undefined,
    cache: 'no-store',
    redirect: 'manual',
    signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
    // @ts-expect-error undici's dispatcher option is not in the DOM RequestInit type
    dispatcher: agent,
  });
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    throw new UpstreamError('bad_response', 'upstream redirected; not followed', { status: res.status });
  }
  const retryAfterSeconds = parseRetryAfter(res.headers.get('retry-after'));
  if (res.status >= 500) {
    // A failing upstream's body (stack traces, echoes) is never read or passed on.
    await res.body?.cancel();
    return { status: res.status, body: null, retryAfterSeconds };
  }
  // An error body only helps to name invalid fields: one that is not JSON is ignored.
  const body = res.status >= 400 ? await readBody(res).catch(() => null) : await readBody(res);
  return { status: res.status, body, retryAfterSeconds };
}

function isTimeout(e: unknown): boolean {
  return e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError');
}

/**
 * The one way to call Vonage: auth header, timeouts, no redirects, bounded
 * retries of reads only, circuit breaker per workspace and host.
 * Answers every status it got; throws UpstreamError for transport failures,
 * for 5xx after retries and for an open circuit.
 */
export async function vonageFetch(call: UpstreamCall): Promise<UpstreamAnswer> {
  const url = buildUrl(call);
  const breakerKey = `${call.workspace.id}|${url.host}`;
  const wait = breaker.admit(breakerKey);
  if (wait > 0)
    throw new UpstreamError('circuit_open', 'upstream failing; circuit open', { retryAfterSeconds: Math.ceil(wait / 1000) });
  if (inFlight >= MAX_IN_FLIGHT) throw new UpstreamError('overloaded', 'too many upstream calls in flight');

  const deadline = Date.now() + totalTimeoutMs();
  const retriable = call.method === 'GET';
  retryBudget.earn();
  inFlight += 1;
  try {
    for (let attempt = 1; ; attempt += 1) {
      const started = Date.now();
      let answer: UpstreamAnswer | null = null;
      let failure: UpstreamError | null = null;
      try {
        answer = await once(call, url, deadline);
      } catch (e) {
        failure =
          e instanceof UpstreamError
            ? e
            : isTimeout(e)
              ? new UpstreamError('timeout', 'upstream too slow')
              : new UpstreamError('unreachable', 'upstream unreachable');
      }
      const status = answer?.status;
      log('info', 'upstream', { op: call.op, method: call.method, status: status ?? failure?.kind, ms: Date.now() - started, attempt, breaker: breaker.state(breakerKey) });

      const serverSide = failure !== null || (status !== undefined && status >= 500);
      if (serverSide) breaker.failure(breakerKey);
      else breaker.success(breakerKey);

      const retryAfter = answer?.retryAfterSeconds ?? null;
      const again =
        retriable &&
        attempt < MAX_ATTEMPTS &&
        (failure?.kind === 'unreachable' || status === 502 || status === 503 || status === 504 ||
          (status === 429 && retryAfter !== null && retryAfter <= WAIT_RETRY_AFTER_MAX_S));
      const pause = status === 429 ? (retryAfter ?? 0) * 1000 : backoffMs(attempt);
      if (again && Date.now() + pause < deadline && retryBudget.spend()) {
        await sleep(pause);
        continue;
      }
      if (failure) throw failure;
      if (answer && answer.status >= 500)
        throw new UpstreamError('server_error', 'upstream failed', { status: answer.status });
      return answer as UpstreamAnswer;
    }
  } finally {
    inFlight -= 1;
  }
}
