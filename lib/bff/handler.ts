import 'server-only';
import { randomUUID } from 'node:crypto';
import type { NextRequest } from 'next/server';
import type { z } from 'zod/mini';
import { sessionUser } from '@/lib/auth/session';
import type { User, Workspace } from '@/lib/config/load';
import { log, requestContext } from '@/lib/log';
import { observeRequest } from '@/lib/metrics/hooks';
import { UpstreamError } from '@/lib/vonage/errors';
import { recordAttempt, targetFromPath, type ActivityDraft } from './activity';
import { readJson } from './body';
import { checkCsrf } from './guards';
import { admit, checkRequest, enterWorkspace, parseSearch, type Checks, type Out, type RawParams } from './pipeline';
import { HttpError, NO_STORE, problemResponse } from './problem';
import { fromUpstream } from './upstream-errors';

type RouteCtx = { params: Promise<RawParams> };

interface Spec<P extends z.ZodMiniType | undefined, Q extends z.ZodMiniType | undefined, B> extends Checks<P, Q> {
  body?: B;
  /** For a route that changes something: the action its activity events name (`account.link`, …). */
  activity?: string;
}

type Note = Partial<ActivityDraft>;

export interface Ctx<P, Q, B> {
  req: NextRequest;
  user: User;
  workspace: Workspace;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  /** What the activity event says of this change: before, after, a better target or outcome. */
  note: (part: Note) => void;
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function json(data: unknown, status = 200): Response {
  return new Response(status === 204 ? null : JSON.stringify(data), {
    status,
    headers: { ...(status === 204 ? {} : { 'content-type': 'application/json' }), ...NO_STORE },
  });
}

export function parseQuery<Q extends z.ZodMiniType>(req: NextRequest, schema: Q): z.output<Q> {
  // From the raw URL: Next's parsed nextUrl drops keys such as `__proto__` that we want to refuse.
  return parseSearch(new URL(req.url).searchParams, schema);
}

async function authenticate(req: NextRequest): Promise<User> {
  return admit(await sessionUser(req), req.method);
}

/** Request id, context, one access-log line, and problem+json for anything thrown; `done` sees the final answer. */
function answer(
  req: NextRequest,
  work: () => Promise<Response>,
  done?: (res: Response, requestId: string) => Promise<void>,
): Promise<Response> {
  const requestId = randomUUID();
  const started = Date.now();
  return requestContext.run({ requestId, method: req.method }, async () => {
    let res: Response;
    try {
      res = await work();
    } catch (e) {
      res = problemResponse(toHttpError(e), requestId);
    }
    res.headers.set('x-request-id', requestId);
    if (done) await done(res, requestId);
    log(res.status >= 500 ? 'warn' : 'info', 'request', {
      method: req.method,
      path: req.nextUrl.pathname,
      status: res.status,
      ms: Date.now() - started,
    });
    observeRequest(req.method, req.nextUrl.pathname, res.status, Date.now() - started);
    return res;
  });
}

/**
 * Every BFF route handler in one shape: CSRF (mutations) → session → rate
 * limit → workspace → role → params → query → body → the handler. Known
 * errors become problem+json; anything else a 500 with nothing leaked.
 */
export function route<
  P extends z.ZodMiniType | undefined = undefined,
  Q extends z.ZodMiniType | undefined = undefined,
  B extends z.ZodMiniType | undefined = undefined,
>(spec: Spec<P, Q, B>, fn: (ctx: Ctx<P, Q, B>) => Promise<Response>) {
  return (req: NextRequest, routeCtx: RouteCtx): Promise<Response> => {
    // The activity log: every attempt at a change (and what else names an `activity`: exports), every read
    // refused for its workspace (below).
    let user: User | null = null;
    let draft: ActivityDraft | null = null;
    let chain: string | null = null;
    const note = (part: Note) => {
      if (draft) Object.assign(draft, part);
    };
    const record = async (res: Response, requestId: string) => {
      if (draft && user) await recordAttempt(req, user, chain, draft, res.status, requestId);
    };
    return answer(
      req,
      async () => {
        if (MUTATIONS.has(req.method)) checkCsrf(req);
        user = await authenticate(req);
        const raw = await routeCtx.params;
        const ws = typeof raw.ws === 'string' ? raw.ws : '';
        if (spec.activity) draft = { action: spec.activity, target: targetFromPath(raw), before: null, after: null, upstreamStatus: null };
        let workspace: Workspace;
        try {
          workspace = enterWorkspace(user, ws);
        } catch (e) {
          // Someone asked for a workspace they may not see: recorded with no workspace, naming the one asked for.
          draft ??= { action: 'workspace.read', target: targetFromPath(raw), before: null, after: null, upstreamStatus: null };
          draft.after = { workspace: ws.slice(0, 40) };
          throw e;
        }
        chain = workspace.id;
        const { params, query } = checkRequest(spec, user, raw, () => new URL(req.url).searchParams);
        const body = spec.body ? await readJson(req, spec.body) : undefined;
        try {
          return await fn({ req, user, workspace, params, query, body, note } as Ctx<P, Q, B>);
        } catch (e) {
          if (e instanceof UpstreamError && draft) {
            draft.upstreamStatus ??= e.extra.status ?? null;
            // Sent, but Vonage's answer never came or could not be read: the log says so, not "failed".
            if (e.kind === 'unconfirmed') draft.outcome = 'unconfirmed';
            if (e.extra.restored !== undefined) draft.after = { ...(draft.after as object), restored: e.extra.restored };
          }
          throw e;
        }
      },
      record,
    );
  };
}

/** For routes outside a workspace (e.g. /api/workspaces): session and rate limit only. */
export function userRoute(fn: (user: User, req: NextRequest) => Promise<Response>) {
  return (req: NextRequest): Promise<Response> => answer(req, async () => fn(await authenticate(req), req));
}

export interface PeopleCtx<B> {
  req: NextRequest;
  user: User;
  /** The path's parameters, raw: the handler parses what it uses. */
  raw: Record<string, string | string[]>;
  body: Out<B>;
  /** What the activity event says: its target, before, after, and the workspace whose chain it joins. */
  note: (part: Note & { workspace?: string | null }) => void;
}

/**
 * Routes about people and sessions (outside a workspace): CSRF (changes) →
 * session → rate limit → body → the handler. Every attempt, whatever its
 * answer, is recorded in the chain of the workspace the handler names.
 */
export function peopleRoute<B extends z.ZodMiniType | undefined = undefined>(
  spec: { body?: B; activity: string },
  fn: (ctx: PeopleCtx<B>) => Promise<Response>,
) {
  return (req: NextRequest, routeCtx: RouteCtx): Promise<Response> => {
    let user: User | null = null;
    const draft: ActivityDraft = {
      action: spec.activity,
      target: { kind: 'person', id: '' },
      before: null,
      after: null,
      upstreamStatus: null,
    };
    let chain: string | null = null;
    const note = (part: Note & { workspace?: string | null }) => {
      const { workspace, ...rest } = part;
      if (workspace !== undefined) chain = workspace;
      Object.assign(draft, rest);
    };
    return answer(
      req,
      async () => {
        if (MUTATIONS.has(req.method)) checkCsrf(req);
        user = await authenticate(req);
        chain = user.workspace;
        const raw = await routeCtx.params;
        const body = spec.body ? await readJson(req, spec.body) : undefined;
        return fn({ req, user, raw, body, note } as PeopleCtx<B>);
      },
      async (res, requestId) => {
        if (user && MUTATIONS.has(req.method)) await recordAttempt(req, user, chain, draft, res.status, requestId);
      },
    );
  };
}

export function toHttpError(e: unknown): HttpError {
  if (e instanceof HttpError) return e;
  if (e instanceof UpstreamError) return fromUpstream(e);
  log('error', 'unhandled', { error: e instanceof Error ? e.name : typeof e });
  return new HttpError(500, 'Something went wrong', 'The console failed. The request id helps support find out why.');
}

/** Handlers for the methods a route does not serve: 405 with Allow. */
export function notAllowed(allowed: string[]) {
  const handler = (req: NextRequest) =>
    answer(req, async () => {
      throw new HttpError(405, 'Method not allowed', `Use ${allowed.join(', ')}.`, { headers: { allow: allowed.join(', ') } });
    });
  const all = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
  return Object.fromEntries(all.filter((m) => !allowed.includes(m)).map((m) => [m, handler])) as Record<
    (typeof all)[number],
    typeof handler
  >;
}

/** Anonymous routes that change something (opening or using an invitation): CSRF → body → the handler; no session. */
export function publicRoute<B extends z.ZodMiniType>(
  spec: { body: B },
  fn: (ctx: { req: NextRequest; body: z.output<B> }) => Promise<Response>,
) {
  return (req: NextRequest): Promise<Response> =>
    answer(req, async () => {
      checkCsrf(req);
      return fn({ req, body: await readJson(req, spec.body) });
    });
}
