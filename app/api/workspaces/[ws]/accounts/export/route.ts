import { notAllowed, route } from '@/lib/bff/handler';
import { store } from '@/lib/db/client';
import { inventoryStream } from '@/lib/index/export';
import { inventoryExportQuerySchema } from '@/lib/schemas/search';

export const dynamic = 'force-dynamic';

/** The workspace's account inventory from the index, streamed as CSV or JSON Lines; the export itself is recorded. */
export const GET = route(
  { action: 'read', query: inventoryExportQuerySchema, activity: 'accounts.export' },
  async ({ workspace, query, note }) => {
    note({
      target: { kind: 'export', id: `accounts.${query.format}` },
      after: { filters: query.provider ? { provider: query.provider } : {} },
    });
    const { db } = await store();
    const day = new Date().toISOString().slice(0, 10);
    return new Response(inventoryStream(db, workspace.id, query.provider, query.format), {
      headers: {
        'content-type': query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="accounts-${workspace.id}-${day}.${query.format}"`,
        'cache-control': 'no-store',
      },
    });
  },
);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
