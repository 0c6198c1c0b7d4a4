/** Fault injection for API routes (never /_sim): scripted answers, hangs, latency, rate limit, random errors. */
import type { ServerResponse } from 'node:http';
import type { FaultConfig, ScriptEntry } from './types';
import { faultBody } from './errors';
import { isRecord, sendEmpty, sendJson, sleep } from './http-util';

const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isStatus = (v: unknown) => Number.isInteger(v) && (v as number) >= 100 && (v as number) <= 599;

/** Returns a message for the first problem found, or null when the config is usable. */
export function checkFaultConfig(v: unknown): string | null {
  if (!isRecord(v)) return 'fault config must be a JSON object';
  if (v.latencyMs !== undefined && (!isNum(v.latencyMs) || (v.latencyMs as number) < 0)) return 'latencyMs must be >= 0';
  if (v.latencyJitterMs !== undefined && (!isNum(v.latencyJitterMs) || (v.latencyJitterMs as number) < 0))
    return 'latencyJitterMs must be >= 0';
  if (v.errorRate !== undefined && (!isNum(v.errorRate) || (v.errorRate as number) < 0 || (v.errorRate as number) > 1)) {
    return 'errorRate must be between 0 and 1';
  }
  if (v.errorStatus !== undefined && !isStatus(v.errorStatus)) return 'errorStatus must be an HTTP status';
  if (v.rateLimit !== undefined && v.rateLimit !== null) {
    if (!isRecord(v.rateLimit) || typeof v.rateLimit.retryAfter !== 'string') return 'rateLimit must be {retryAfter: string} or null';
  }
  if (v.hang !== undefined && typeof v.hang !== 'boolean') return 'hang must be a boolean';
  if (v.script !== undefined) {
    if (!Array.isArray(v.script)) return 'script must be an array';
    for (const [i, e] of v.script.entries()) {
      if (!isRecord(e)) return `script[${i}] must be an object`;
      if (e.status !== undefined && !isStatus(e.status)) return `script[${i}].status must be an HTTP status`;
      if (e.delayMs !== undefined && (!isNum(e.delayMs) || (e.delayMs as number) < 0)) return `script[${i}].delayMs must be >= 0`;
      if (e.answerDelayMs !== undefined && (!isNum(e.answerDelayMs) || (e.answerDelayMs as number) < 0))
        return `script[${i}].answerDelayMs must be >= 0`;
      if (e.headers !== undefined && (!isRecord(e.headers) || Object.values(e.headers).some((h) => typeof h !== 'string'))) {
        return `script[${i}].headers must map names to strings`;
      }
      if (!e.hang && !e.passThrough && e.answerDelayMs === undefined && e.status === undefined) {
        return `script[${i}] needs status, hang, passThrough or answerDelayMs`;
      }
    }
  }
  return null;
}

function sendScripted(res: ServerResponse, entry: ScriptEntry, status: number): void {
  const headers = { ...(entry.headers ?? {}) };
  let body = entry.body;
  if (body === undefined && status >= 400) body = faultBody(status);
  if (status === 429 && !Object.keys(headers).some((h) => h.toLowerCase() === 'retry-after')) headers['Retry-After'] = '1';
  if (body === undefined) return sendEmpty(res, status, headers);
  if (typeof body === 'string') {
    // A raw string (e.g. an HTML error page or a stack trace) is sent as is.
    const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
    res.writeHead(status, { ...(hasType ? {} : { 'Content-Type': 'text/plain; charset=utf-8' }), ...headers });
    res.end(body);
    return;
  }
  sendJson(res, status, body, headers);
}

/** The handler runs now (the change is made) but its answer leaves only after `ms`: a late answer. */
function holdAnswer(res: ServerResponse, ms: number): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    setTimeout(() => end(...args), ms);
    return res;
  }) as ServerResponse['end'];
}

/** `latencyMs ± latencyJitterMs`, uniform (a real upstream's answers do not all take the same time), never below 0. */
export function latencyOf(c: Pick<FaultConfig, 'latencyMs' | 'latencyJitterMs'>, random = Math.random): number {
  const base = c.latencyMs ?? 0;
  const jitter = c.latencyJitterMs ?? 0;
  if (!base || !jitter) return base;
  return Math.max(0, base + (random() * 2 - 1) * jitter);
}

export class Faults {
  private config: FaultConfig = {};
  private script: ScriptEntry[] = [];

  get(): FaultConfig {
    return { ...this.config, ...(this.config.script ? { script: this.script } : {}) };
  }

  set(config: FaultConfig): void {
    this.config = config;
    this.script = [...(config.script ?? [])];
  }

  clear(): void {
    this.set({});
  }

  /** The first unconsumed script entry this request matches, removed from the script. */
  private take(method: string, path: string): ScriptEntry | undefined {
    const i = this.script.findIndex((e) => (!e.method || e.method.toUpperCase() === method) && (!e.path || path.startsWith(e.path)));
    if (i < 0) return undefined;
    return this.script.splice(i, 1)[0];
  }

  /** Answers the request when a fault applies; returns true when the normal handler must not run. */
  async apply(method: string, path: string, res: ServerResponse): Promise<boolean> {
    const entry = this.take(method, path);
    if (entry) {
      if (entry.delayMs) await sleep(entry.delayMs);
      if (entry.hang) return true;
      if (entry.answerDelayMs !== undefined) {
        holdAnswer(res, entry.answerDelayMs);
        return false;
      }
      if (entry.passThrough || entry.status === undefined) return false;
      sendScripted(res, entry, entry.status);
      return true;
    }
    const c = this.config;
    if (c.hang) return true;
    const latency = latencyOf(c);
    if (latency) await sleep(latency);
    if (c.rateLimit) {
      sendJson(res, 429, faultBody(429), { 'Retry-After': c.rateLimit.retryAfter });
      return true;
    }
    if (c.errorRate && Math.random() < c.errorRate) {
      sendScripted(res, {}, c.errorStatus ?? 500);
      return true;
    }
    return false;
  }
}
