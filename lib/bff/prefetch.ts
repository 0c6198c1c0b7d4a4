import 'server-only';
import { randomUUID } from 'node:crypto';
import { dehydrate, QueryClient, type DehydratedState } from '@tanstack/react-query';
import { headers } from 'next/headers';
import { currentUser } from '@/lib/auth/session';
import type { Workspace } from '@/lib/config/load';
import { log, requestContext } from '@/lib/log';
import { recordAttempt, targetFromPath } from './activity';
import { toHttpError } from './handler';
import { admit, checkRequest, enterWorkspace, type RawParams, type ReadOp, type Schema } from './pipeline';

/** A first visit or a reload (the browser asks for a document), not the router's fetch for a client-side navigation. */
export function isDocumentRequest(h: Pick<Headers, 'get'>): boolean {
  const dest = h.get('sec-fetch-dest');
  if (dest) return dest === 'document';
  return h.get('accept')?.includes('text/html') ?? false;
}

/**
 * A BFF read run for a page being rendered: the same session, rate limit, workspace access (a refused
 * workspace is recorded in the activity log as the BFF records it), role and zod checks as `route()`,
 * then the read itself. Throws what the BFF would answer as a problem.
 */
export async function serverRead<P extends Schema, Q extends Schema, T>(
  op: ReadOp<P, Q, T>,
  ws: string,
  input: { raw?: RawParams; search?: URLSearchParams } = {},
): Promise<T> {
  const requestId = randomUUID();
  const started = Date.now();
  const h = await headers();
  return requestContext.run({ requestId, method: 'GET' }, async () => {
    let status = 200;
    try {
      const user = admit(await currentUser(), 'GET');
      const raw = { ...input.raw, ws };
      let workspace: Workspace;
      try {
        workspace = enterWorkspace(user, ws);
      } catch (e) {
        const draft = { action: 'workspace.read', target: targetFromPath(raw), before: null, after: { workspace: ws.slice(0, 40) } };
        await recordAttempt({ headers: h }, user, null, { ...draft, upstreamStatus: null }, 404, requestId);
        throw e;
      }
      const { params, query } = checkRequest(op, user, raw, () => input.search ?? new URLSearchParams());
      return await op.run({ workspace, params, query });
    } catch (e) {
      status = toHttpError(e).status;
      throw e;
    } finally {
      log(status >= 500 ? 'warn' : 'info', 'prefetch', { read: op.name, status, ms: Date.now() - started });
    }
  });
}

/**
 * What a page's view will ask for first, fetched on the server and handed to TanStack Query
 * (`<HydrationBoundary state={…}>`), so that a first visit shows its rows in the HTML. Only for a document
 * request: a client-side navigation keeps its skeleton and fetches in the browser, as before. A read that
 * fails is left out of the state, and the browser's query fetches it (and shows its error) itself.
 */
export async function prefetched(fill: (qc: QueryClient) => Promise<unknown>): Promise<DehydratedState | null> {
  if (!isDocumentRequest(await headers())) return null;
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  await fill(qc);
  return dehydrate(qc);
}
