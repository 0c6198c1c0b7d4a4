import { z } from 'zod/mini';
import { json, notAllowed, route } from '@/lib/bff/handler';
import { HttpError } from '@/lib/bff/problem';
import { applicationAccounts } from '@/lib/index/views';
import { applicationIdSchema, workspaceIdSchema } from '@/lib/schemas/ids';

export const dynamic = 'force-dynamic';

const pathSchema = z.object({ ws: workspaceIdSchema, applicationId: applicationIdSchema });

/** The application and every account linked to it, from the index (Vonage has no such lookup). */
export const GET = route({ action: 'read', params: pathSchema }, async ({ workspace, params }) => {
  const found = await applicationAccounts(workspace.id, params.applicationId);
  if (!found)
    throw new HttpError(
      404,
      'Application not found',
      'The index knows no such application in this workspace. Refresh the index if it is new.',
    );
  return json(found);
});
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
