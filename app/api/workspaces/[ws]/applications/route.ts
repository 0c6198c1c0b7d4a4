import { json, notAllowed, route } from '@/lib/bff/handler';
import { applicationListQuerySchema } from '@/lib/schemas/application';
import { listApplications } from '@/lib/vonage/applications';

export const dynamic = 'force-dynamic';

export const GET = route({ action: 'read', query: applicationListQuerySchema }, async ({ workspace, query }) =>
  json(await listApplications(workspace, query)),
);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
