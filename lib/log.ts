import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { env } from '@/lib/env';

/** Per-request context, so every log line (BFF or upstream client) carries the request id. */
interface RequestContext {
  requestId: string;
  /** The BFF request's method: a change (anything but GET) gets words about what was changed. */
  method?: string;
  user?: string;
  workspace?: string;
}
export const requestContext = new AsyncLocalStorage<RequestContext>();

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEYS = /authorization|secret|password|token|private|cookie|api_?secret|access_?token/i;

let override: Level | 'silent' | null = null;

/** Sets the level for this process, over LOG_LEVEL (a test that reads log lines); null goes back to LOG_LEVEL. */
export function setLogLevel(level: Level | 'silent' | null): void {
  override = level;
}

function threshold(): number {
  let lvl: string;
  try {
    lvl = override ?? env().LOG_LEVEL;
  } catch {
    // A bad environment stops the server at start (lib/config/startup.ts); its message must still be logged.
    lvl = 'info';
  }
  return lvl === 'silent' ? Infinity : ORDER[lvl as Level];
}

/** Drops any field whose name suggests a secret, however deep. Values are JSON-encoded, so CRLF and ANSI are escaped. */
function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (ORDER[level] < threshold()) return;
  const ctx = requestContext.getStore();
  const line = JSON.stringify({
    t: new Date().toISOString(),
    level,
    msg,
    ...(ctx ? { requestId: ctx.requestId, user: ctx.user, ws: ctx.workspace } : {}),
    ...(redact(fields) as Record<string, unknown>),
  });
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
}
