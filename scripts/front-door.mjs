/*
 * The console's front door: what every request must look like before Next.js
 * sees it. Next answers some malformed requests with a plain-text 500 (bad
 * percent-encoding in a path, TRACE) and others with a redirect built from the
 * request target (an absolute-form target, `http://evil.example/…`, became a
 * 308 to that host; dot segments a 308 to the folded path). None of these can
 * come from a browser, so they are refused here with a 400 problem, the
 * security headers and a log line (docs/security.md, A1 and A33).
 *
 * Plain JavaScript: it runs in scripts/server.mjs before Next is loaded, and
 * next.config.js takes the shared headers from here.
 */
import { randomUUID } from 'node:crypto';

/** Sent on every answer: pages and API (through next.config.js) and the front door's own refusals. */
export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Robots-Tag': 'noindex, nofollow',
};

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Why a request line is refused, or null when Next may have it.
 * @param {string} method
 * @param {string} target the raw request target, as the client sent it
 * @returns {{ reason: string, detail: string } | null}
 */
export function refusal(method, target) {
  if (!METHODS.has(method)) return { reason: 'method', detail: `The method ${method.slice(0, 20)} is not served.` };
  if (!target.startsWith('/') || target.startsWith('//'))
    return { reason: 'target', detail: 'The request target must be a path on this site.' };
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  if (/%(?![0-9A-Fa-f]{2})/.test(path)) return { reason: 'encoding', detail: 'The path has a malformed percent-encoding.' };
  try {
    decodeURIComponent(path);
  } catch {
    return { reason: 'encoding', detail: 'The path is not valid UTF-8 once decoded.' };
  }
  if (path.includes('\\')) return { reason: 'backslash', detail: 'The path may not contain a backslash.' };
  if (path.split('/').some((segment) => DOT_SEGMENT.test(segment)))
    return { reason: 'dot-segment', detail: 'The path may not contain `.` or `..` segments.' };
  return null;
}

function logLine(fields) {
  const level = process.env.LOG_LEVEL ?? 'info';
  if (level === 'silent' || level === 'error') return;
  // JSON-encoded like lib/log.ts, so CR, LF and ANSI in the target are escaped.
  process.stderr.write(
    JSON.stringify({ t: new Date().toISOString(), level: 'warn', msg: 'request refused at the front door', ...fields }) + '\n',
  );
}

/**
 * Answers a refused request: 400 problem+json with the security headers, and one log line.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ reason: string, detail: string }} why
 */
export function refuse(req, res, why) {
  const requestId = randomUUID();
  logLine({ requestId, method: String(req.method).slice(0, 20), target: String(req.url).slice(0, 200), reason: why.reason, status: 400 });
  const body = JSON.stringify({
    type: '/problems/invalid-request',
    title: 'Malformed request',
    status: 400,
    detail: why.detail,
    instance: requestId,
  });
  res.writeHead(400, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/problem+json',
    'Cache-Control': 'no-store',
    'X-Request-Id': requestId,
    'Content-Length': Buffer.byteLength(body),
    Connection: 'close',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
