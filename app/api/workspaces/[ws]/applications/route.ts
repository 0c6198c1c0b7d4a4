import { json, notAllowed, parseQuery, route } from '@/lib/bff/handler';
import { applicationList } from '@/lib/bff/reads';
import { indexedApplications } from '@/lib/index/views';
import { applicationListQuerySchema } from '@/lib/schemas/application';
import { indexedApplicationsQuerySchema } from '@/lib/schemas/search';

export const dynamic = 'force-dynamic';

/**
 * A page of applications from Vonage (lib/bff/reads.ts); with `source=index`, from the account index with the
 * number of accounts linked to each.
 */
export const GET = route({ action: 'read' }, async ({ req, workspace, params }) => {
  if (new URL(req.url).searchParams.has('source')) {
    const q = parseQuery(req, indexedApplicationsQuerySchema);
    return json(await indexedApplications(workspace.id, q.page, q.pageSize));
  }
  const query = parseQuery(req, applicationListQuerySchema);
  return json(await applicationList.run({ workspace, params, query }));
});
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
