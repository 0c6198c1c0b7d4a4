import { listEvents, withApplicationNames } from '@/lib/activity/query';
import { visibleWorkspaces } from '@/lib/bff/access';
import { json, notAllowed, parseQuery, userRoute } from '@/lib/bff/handler';
import { HttpError } from '@/lib/bff/problem';
import { store } from '@/lib/db/client';
import { allActivityQuerySchema } from '@/lib/schemas/activity';
import { isCustomerRole } from '@/lib/schemas/roles';

export const dynamic = 'force-dynamic';

/** Every workspace's activity, and events of none (refused reads), for staff only. */
export const GET = userRoute(async (user, req) => {
  if (isCustomerRole(user.role))
    throw new HttpError(403, 'Not allowed', 'The activity of every workspace is for staff; see your workspace’s own.');
  const { workspace, ...query } = parseQuery(req, allActivityQuerySchema);
  const all = visibleWorkspaces(user).map((w) => w.id);
  if (workspace && !all.includes(workspace)) throw new HttpError(404, 'Workspace not found', 'No such workspace, or you may not see it.');
  const { db } = await store();
  const page = await listEvents(db, { workspaces: workspace ? [workspace] : all, withUnscoped: !workspace, asCustomer: false }, query);
  return json(await withApplicationNames(db, page));
});
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
