import { visibleWorkspaces } from '@/lib/bff/access';
import { recordAttempt } from '@/lib/bff/activity';
import { json, notAllowed, parseQuery, userRoute } from '@/lib/bff/handler';
import { HttpError } from '@/lib/bff/problem';
import { search } from '@/lib/index/search';
import { requestContext } from '@/lib/log';
import { searchQuerySchema } from '@/lib/schemas/search';

export const dynamic = 'force-dynamic';

/** Accounts by external id or name, across only the workspaces the caller may see (docs/security.md, A39). */
export const GET = userRoute(async (user, req) => {
  const { q, provider, workspace } = parseQuery(req, searchQuerySchema);
  const visible = visibleWorkspaces(user);
  const scope = workspace ? visible.filter((w) => w.id === workspace) : visible;
  if (workspace && !scope.length) {
    // A read across workspaces, refused and recorded like any other (product.md, Activity): the query itself is not kept.
    const draft = {
      action: 'workspace.read',
      target: { kind: 'account' as const, id: '' },
      before: null,
      after: { workspace },
      upstreamStatus: null,
    };
    await recordAttempt(req, user, null, draft, 404, requestContext.getStore()?.requestId ?? '');
    throw new HttpError(404, 'Workspace not found', 'No such workspace, or you may not see it.');
  }
  return json(await search(scope, q, provider));
});
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
