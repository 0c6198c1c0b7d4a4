import { json, notAllowed, parseQuery, route } from '@/lib/bff/handler';
import { indexedApplications, indexedApplicationsBeyond } from '@/lib/index/views';
import { applicationListQuerySchema } from '@/lib/schemas/application';
import { indexedApplicationsQuerySchema } from '@/lib/schemas/search';
import { listApplications, SCAN_BOUND } from '@/lib/vonage/applications';

export const dynamic = 'force-dynamic';

/**
 * A page of applications from Vonage; with `source=index`, from the account
 * index with the number of accounts linked to each. `all=true` past the scan
 * bound adds the applications only the index knows, so every name resolves.
 */
export const GET = route({ action: 'read' }, async ({ req, workspace }) => {
  if (new URL(req.url).searchParams.has('source')) {
    const q = parseQuery(req, indexedApplicationsQuerySchema);
    return json(await indexedApplications(workspace.id, q.page, q.pageSize));
  }
  const query = parseQuery(req, applicationListQuerySchema);
  const page = await listApplications(workspace, query);
  if (!query.all || page.items.length < SCAN_BOUND) return json(page);
  const beyond = await indexedApplicationsBeyond(workspace.id, new Set(page.items.map((a) => a.id)));
  const items = [...page.items, ...(query.capability ? beyond.filter((a) => a.messages) : beyond)];
  return json({ ...page, items, pageSize: items.length, totalItems: items.length });
});
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
