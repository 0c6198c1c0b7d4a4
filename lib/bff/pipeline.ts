import 'server-only';
import type { z } from 'zod/mini';
import type { User, Workspace } from '@/lib/config/load';
import { requestContext } from '@/lib/log';
import { PROBLEM_WORDS } from '@/lib/schemas/problem-words';
import { requirePermission, workspaceFor, type Action } from './access';
import { badRequest, HttpError } from './problem';
import { takeToken } from './rate-limit';

/*
 * The checks every workspace read or change goes through, whoever asks: a BFF route (handler.ts) or a page
 * rendered on the server that prefetches what its view will show (prefetch.ts). One path, so a page sees no
 * more than the BFF would answer and spends the same rate-limit token.
 */

export type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
export type RawParams = Record<string, string | string[]>;

/** What a workspace operation declares: the role it needs and the schemas of its path params and query. */
export type Schema = z.ZodMiniType | undefined;

export interface Checks<P extends Schema, Q extends Schema> {
  action: Action;
  /** Path params including `ws`, when the route is inside a workspace. */
  params?: P;
  query?: Q;
}

/** The signed-in user (else 401), then the per-user rate limit (else 429 with Retry-After). */
export function admit(user: User | null, method: string): User {
  if (!user) throw new HttpError(401, 'Sign in required', 'Your session is missing or has expired. Sign in again.');
  const store = requestContext.getStore();
  if (store) store.user = user.email;
  const wait = takeToken(user.email);
  if (wait > 0) {
    const { title, words } = PROBLEM_WORDS['rate-limited'];
    const detail = words({ change: method !== 'GET', retryAfterSeconds: wait, status: 429 });
    throw new HttpError(429, title, detail, { type: 'rate-limited', headers: { 'retry-after': String(wait) } });
  }
  return user;
}

/** Only plain names: `__proto__`, `constructor.prototype` or `a[b]` never reach a schema; each name once. */
export function parseSearch<Q extends z.ZodMiniType>(search: URLSearchParams, schema: Q): z.output<Q> {
  const entries = [...search.entries()];
  const odd = entries.find(([k]) => !/^[A-Za-z][A-Za-z0-9]{0,29}$/.test(k) || k === 'constructor');
  if (odd)
    throw new HttpError(400, 'Invalid query', 'Unknown query parameter.', {
      invalidParams: [{ name: 'query', reason: 'Unknown parameter' }],
    });
  const keys = new Set(entries.map(([k]) => k));
  if (keys.size !== entries.length)
    throw new HttpError(400, 'Invalid query', 'Give each query parameter once.', {
      invalidParams: [{ name: 'query', reason: 'Repeated parameter' }],
    });
  const parsed = schema.safeParse(Object.fromEntries(entries));
  if (!parsed.success) throw badRequest(parsed.error, 'query');
  return parsed.data;
}

/** The workspace asked for, if this user may see it (else 404, as if it did not exist). */
export function enterWorkspace(user: User, ws: string): Workspace {
  const workspace = workspaceFor(user, ws);
  const store = requestContext.getStore();
  if (store) store.workspace = workspace.id;
  return workspace;
}

/** Role (403) → path params → query (400), each parsed with zod before anything reaches Vonage. */
export function checkRequest<P extends Schema, Q extends Schema>(
  spec: Checks<P, Q>,
  user: User,
  raw: RawParams,
  search: () => URLSearchParams,
): { params: Out<P>; query: Out<Q> } {
  requirePermission(user, spec.action);
  let params: unknown;
  if (spec.params) {
    const parsed = spec.params.safeParse(raw);
    if (!parsed.success) throw badRequest(parsed.error, 'path');
    params = parsed.data;
  }
  const query = spec.query ? parseSearch(search(), spec.query) : undefined;
  return { params, query } as { params: Out<P>; query: Out<Q> };
}

/**
 * A read the BFF serves and a page prefetches: its checks and its work, in one place. The route handler
 * answers it as JSON (`route(op, …op.run…)`); a page rendered on the server runs it through the same checks
 * (prefetch.ts) and hands the result to TanStack Query under the key the browser's query uses.
 */
export interface ReadOp<P extends Schema, Q extends Schema, T> extends Checks<P, Q> {
  /** For the log: which read a page prefetched. */
  name: string;
  action: 'read';
  run: (ctx: { workspace: Workspace; params: Out<P>; query: Out<Q> }) => Promise<T>;
}
