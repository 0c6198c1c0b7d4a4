import 'server-only';
import { Agent } from 'undici';
import type { UpstreamAnswer, UpstreamCall } from './client';
import { UpstreamError } from './errors';
import { applicationJwt } from './jwt';
import { MAX_BODY_BYTES, readCapped } from './read-body';
import { clock, parseRetryAfter } from './retry';

/* One attempt at an upstream call: auth header, the request, the body read within its cap. */

const CONNECT_TIMEOUT_MS = 2_000;
export const MAX_RETRY_AFTER_S = 300;

/** One keep-alive pool for every upstream call. */
const agent = new Agent({
  connect: { timeout: CONNECT_TIMEOUT_MS },
  keepAliveTimeout: 10_000,
  connections: 128,
  pipelining: 1,
});
async function authorization(call: UpstreamCall): Promise<string> {
  const ws = call.workspace;
  if (call.api === 'accounts' && ws.jwt) return `Bearer ${await applicationJwt(ws.id, ws.jwt.applicationId, ws.jwt.privateKey)}`;
  return `Basic ${Buffer.from(`${ws.apiKey}:${ws.apiSecret}`).toString('base64')}`;
}

function parseBody(text: string, status: number): unknown {
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
export async function once(call: UpstreamCall, url: URL, deadline: number): Promise<UpstreamAnswer> {
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
    signal: AbortSignal.timeout(Math.max(1, deadline - clock.now())),
  });
  const status = res.statusCode;
  if (status >= 300 && status < 400) {
    await res.body.dump();
    throw new UpstreamError('bad_response', 'upstream redirected; not followed', { status });
  }
  const retryAfter = parseRetryAfter(firstHeader(res.headers['retry-after']), clock.now());
  // Passed on to the browser: capped, whatever Vonage (or something pretending to be it) says.
  const retryAfterSeconds = retryAfter === null ? null : Math.min(MAX_RETRY_AFTER_S, retryAfter);
  if (Number(firstHeader(res.headers['content-length'])) > MAX_BODY_BYTES) {
    // Destroyed unread, the body emits an abort error: with no listener it would be an uncaught exception.
    res.body.on('error', () => {});
    res.body.destroy();
    throw new UpstreamError('bad_response', 'upstream body too large', { status });
  }
  if (status >= 500) {
    // A failing upstream's body (stack traces, echoes) is never read or passed on.
    await res.body.dump();
    return { status, body: null, retryAfterSeconds };
  }
  const text = await readCapped(res.body).catch((e: unknown) => {
    throw e instanceof UpstreamError ? new UpstreamError(e.kind, e.message, { status }) : e;
  });
  // An error body only helps to name invalid fields: one that is not JSON is ignored.
  const body = status >= 400 ? parseErrorBody(text, status) : parseBody(text, status);
  return { status, body, retryAfterSeconds };
}

function isTimeout(e: unknown): boolean {
  if (e instanceof DOMException) return e.name === 'TimeoutError' || e.name === 'AbortError';
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'UND_ERR_ABORTED' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}

/** Errors that mean the request never left: nothing was sent, so nothing was changed. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export function transportFailure(e: unknown, change: boolean): UpstreamError {
  if (e instanceof UpstreamError) return e;
  if (isTimeout(e))
    return change
      ? new UpstreamError('unconfirmed', 'upstream too slow after a change was sent', { timedOut: true })
      : new UpstreamError('timeout', 'upstream too slow');
  const code = String((e as { code?: unknown } | null)?.code ?? (e as { cause?: { code?: unknown } } | null)?.cause?.code ?? '');
  if (change && !NOT_SENT.has(code)) return new UpstreamError('unconfirmed', 'connection lost after a change was sent');
  return new UpstreamError('unreachable', 'upstream unreachable');
}
