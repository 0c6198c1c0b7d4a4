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

function parseBody(text: string, status: number): unknown {
  if (text.length > MAX_BODY_BYTES) throw new UpstreamError('bad_response', 'upstream body too large');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new UpstreamError('bad_response', 'upstream answered non-JSON', { status });
  }
}

function parseErrorBody(text: string, status: number): unknown {
  try {
    return parseBody(text, status);
  } catch {
    return null;
  }
}

const firstHeader = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

/*
 * undici's own request(), not fetch: Next wraps the global fetch (caching,
 * tracing) and fetch adds WHATWG streams; together they were the largest part
 * of the BFF's own cost per call (docs/performance.md). No redirect is followed.
 */
async function once(call: UpstreamCall, url: URL, deadline: number): Promise<UpstreamAnswer> {
  const payload = call.body !== undefined ? JSON.stringify(call.body) : undefined;
  const res = await agent.request({
    origin: url.origin,
    path: url.pathname + url.search,
    method: call.method,
    headers: {
      authorization: await authorization(call),
      accept: 'application/json',
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: payload,
    signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
  });
  const status = res.statusCode;
  if (status >= 300 && status < 400) {
    await res.body.dump();
    throw new UpstreamError('bad_response', 'upstream redirected; not followed', { status });
  }
  const retryAfterSeconds = parseRetryAfter(firstHeader(res.headers['retry-after']));
  if (status >= 500) {
    // A failing upstream's body (stack traces, echoes) is never read or passed on.
    await res.body.dump();
    return { status, body: null, retryAfterSeconds };
  }
  const text = await res.body.text();
  // An error body only helps to name invalid fields: one that is not JSON is ignored.
  const body = status >= 400 ? parseErrorBody(text, status) : parseBody(text, status);
  return { status, body, retryAfterSeconds };
}

function isTimeout(e: unknown): boolean {
  if (e instanceof DOMException) return e.name === 'TimeoutError' || e.name === 'AbortError';
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'UND_ERR_ABORTED' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
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
