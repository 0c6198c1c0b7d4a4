import { json, notAllowed, route } from '@/lib/bff/handler';
import { linkApplicationSchema } from '@/lib/schemas/account';
import { accountPathSchema } from '@/lib/schemas/paths';
import { linkApplication } from '@/lib/vonage/accounts';

export const dynamic = 'force-dynamic';

export const POST = route(
  { action: 'write', params: accountPathSchema, body: linkApplicationSchema, activity: 'account.link' },
  async ({ workspace, params, body, note }) => {
    note({ after: { applicationId: body.applicationId } });
    const account = await linkApplication(workspace, params.provider, params.externalId, body.applicationId);
    note({ after: { applications: account.applications } });
    return json(account);
  },
);
export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['POST']);
