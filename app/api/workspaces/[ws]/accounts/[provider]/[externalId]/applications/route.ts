import { json, notAllowed, route } from '@/lib/bff/handler';
import { linkApplicationSchema } from '@/lib/schemas/account';
import { accountPathSchema } from '@/lib/schemas/paths';
import { linkApplication } from '@/lib/vonage/accounts';

export const dynamic = 'force-dynamic';

export const POST = route(
  { action: 'write', params: accountPathSchema, body: linkApplicationSchema },
  async ({ workspace, params, body }) =>
    json(await linkApplication(workspace, params.provider, params.externalId, body.applicationId)),
);
export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['POST']);
