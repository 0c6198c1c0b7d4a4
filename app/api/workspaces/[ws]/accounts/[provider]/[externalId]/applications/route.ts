import { changeKey, oneChangeAtATime } from '@/lib/bff/change-locks';
import { json, notAllowed, route } from '@/lib/bff/handler';
import { linkApplicationSchema, replaceApplicationSchema } from '@/lib/schemas/account';
import { accountPathSchema } from '@/lib/schemas/paths';
import { linkApplication } from '@/lib/vonage/accounts';
import { replaceApplication } from '@/lib/vonage/replace';

export const dynamic = 'force-dynamic';

export const POST = route(
  { action: 'write', params: accountPathSchema, body: linkApplicationSchema },
  async ({ workspace, params, body }) =>
    oneChangeAtATime(changeKey(workspace.id, params.provider, params.externalId), async () =>
      json(await linkApplication(workspace, params.provider, params.externalId, body.applicationId))),
);

/** Replace, as one operation (docs/api.md). */
export const PUT = route(
  { action: 'write', params: accountPathSchema, body: replaceApplicationSchema },
  async ({ workspace, params, body }) =>
    oneChangeAtATime(changeKey(workspace.id, params.provider, params.externalId), async () =>
      json(await replaceApplication(workspace, params.provider, params.externalId, body.applicationId, body.expectedCurrent))),
);
export const { GET, PATCH, DELETE, OPTIONS } = notAllowed(['POST', 'PUT']);
