import { visibleWorkspaces } from '@/lib/bff/access';
import { json, notAllowed, parseQuery, userRoute } from '@/lib/bff/handler';
import { HttpError } from '@/lib/bff/problem';
import { search } from '@/lib/index/search';
import { searchQuerySchema } from '@/lib/schemas/search';

export const dynamic = 'force-dynamic';

/** Accounts by external id or name, across only the workspaces the caller may see (docs/security.md, A39). */
export const GET = userRoute(async (user, req) => {
  const { q, provider, workspace } = parseQuery(req, searchQuerySchema);
  const visible = visibleWorkspaces(user);
  const scope = workspace ? visible.filter((w) => w.id === workspace) : visible;
  if (workspace && !scope.length) throw new HttpError(404, 'Workspace not found', 'No such workspace, or you may not see it.');
  return json(await search(scope, q, provider));
});
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
