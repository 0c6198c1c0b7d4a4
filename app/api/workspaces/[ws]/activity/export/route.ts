import { exportStream } from '@/lib/activity/export';
import { notAllowed, route } from '@/lib/bff/handler';
import { store } from '@/lib/db/client';
import { activityExportQuerySchema } from '@/lib/schemas/activity';
import { isCustomerRole } from '@/lib/schemas/roles';

export const dynamic = 'force-dynamic';

/** The filtered events of one workspace as a CSV or JSON Lines file, streamed; the export itself is recorded. */
export const GET = route(
  { action: 'read', query: activityExportQuerySchema, activity: 'activity.export' },
  async ({ user, workspace, query, note }) => {
    const { format, ...filters } = query;
    note({ target: { kind: 'export', id: `activity.${format}` }, after: { filters } });
    const { db } = await store();
    const scope = { workspaces: [workspace.id], withUnscoped: false, asCustomer: isCustomerRole(user.role) };
    const day = new Date().toISOString().slice(0, 10);
    return new Response(exportStream(db, scope, filters, format), {
      headers: {
        'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="activity-${workspace.id}-${day}.${format}"`,
        'cache-control': 'no-store',
      },
    });
  },
);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
