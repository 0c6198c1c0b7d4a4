import { listEvents, withApplicationNames } from '@/lib/activity/query';
import { json, notAllowed, route } from '@/lib/bff/handler';
import { store } from '@/lib/db/client';
import { activityQuerySchema } from '@/lib/schemas/activity';
import { isCustomerRole } from '@/lib/schemas/roles';

export const dynamic = 'force-dynamic';

/** One workspace's activity, newest first: staff, and the workspace's own customers. */
export const GET = route({ action: 'read', query: activityQuerySchema }, async ({ user, workspace, query }) => {
  const { db } = await store();
  const page = await listEvents(db, { workspaces: [workspace.id], withUnscoped: false, asCustomer: isCustomerRole(user.role) }, query);
  return json(await withApplicationNames(db, page));
});
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
