/**
 * The API request pipeline: log → authenticate → faults → route (404/405) → 406 → 401 → JWT acl (403)
 * → JSON body (415/400) → handler. Routing comes before the 401 so unknown paths are 404 for everyone.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from './faults';
import type { RequestLog } from './request-log';
import type { Store } from './store';
import type { TenantRegistry } from './tenants';
import type { HandlerCtx } from './context';
import { authenticate } from './auth';
import { aclAllows } from './jwt';
import { matchRoute } from './router';
import {
  badCredentials,
  eaUnauthorised,
  eaWrongAuthentication,
  faultBody,
  invalidAccept,
  invalidParams,
  unsupportedContentType,
  wrongVerb,
} from './errors';
import { isJsonContentType, readBody, sendEmpty, sendJson } from './http-util';

export interface ApiDeps {
  store: Store;
  faults: Faults;
  log: RequestLog;
  registry: TenantRegistry;
  baseUrl: () => string;
}

function acceptsJson(req: IncomingMessage): boolean {
  const accept = req.headers.accept;
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const type = part.split(';')[0]!.trim().toLowerCase();
    return type === 'application/json' || type === 'application/*' || type === '*/*';
  });
}

type BodyResult = { ok: true; body: unknown } | { ok: false };

async function readJsonBody(req: IncomingMessage, res: ServerResponse): Promise<BodyResult> {
  const text = await readBody(req);
  const hasType = req.headers['content-type'] !== undefined;
  if ((hasType || text.length > 0) && !isJsonContentType(req)) {
    sendJson(res, 415, unsupportedContentType());
    return { ok: false };
  }
  if (text.trim() === '') return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    sendJson(res, 400, invalidParams([{ name: 'body', reason: 'Malformed JSON in request body' }]));
    return { ok: false };
  }
}

export async function handleApi(req: IncomingMessage, res: ServerResponse, deps: ApiDeps, path: string, rawQuery: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const entry = deps.log.add({ method, path, query: rawQuery, auth: 'none', apiKey: null, status: 0, at: new Date().toISOString() });
  res.on('finish', () => {
    entry.status = res.statusCode;
  });
  const auth = await authenticate(req, deps.registry.tenants);
  entry.auth = auth.kind;
  entry.apiKey = auth.tenant?.apiKey ?? null;

  if (await deps.faults.apply(method, path, res)) return;

  const match = matchRoute(method, path);
  if (match.kind === 'none') return sendEmpty(res, 404);
  if (match.kind === 'method') return sendJson(res, 405, wrongVerb(method), { Allow: match.allow.join(', ') });
  if (match.api === 'applications' && !acceptsJson(req)) return sendJson(res, 406, invalidAccept());
  // The Application API takes Basic only; External Accounts takes Basic or a JWT.
  if (!auth.tenant || (match.api === 'applications' && auth.kind !== 'basic')) {
    return sendJson(res, 401, match.api === 'applications' ? badCredentials() : eaUnauthorised());
  }
  if (auth.kind === 'bearer' && !aclAllows(auth.payload, path)) return sendJson(res, 403, eaWrongAuthentication());

  let body: unknown;
  if (match.hasBody) {
    const r = await readJsonBody(req, res);
    if (!r.ok) return;
    body = r.body;
  }
  const ctx: HandlerCtx = {
    req,
    res,
    params: match.params,
    query: new URLSearchParams(rawQuery),
    tenant: auth.tenant,
    auth,
    store: deps.store,
    baseUrl: deps.baseUrl(),
    body,
  };
  try {
    await match.handler(ctx);
  } catch (err) {
    // Only the message: handlers never put secrets in errors, and we never print headers or bodies.
    process.stderr.write(`[simulator] handler error on ${method} ${path}: ${(err as Error).message}\n`);
    if (!res.headersSent) sendJson(res, 500, faultBody(500));
  }
}
