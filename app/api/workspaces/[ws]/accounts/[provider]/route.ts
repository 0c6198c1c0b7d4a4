import { changeKey, oneChangeAtATime } from '@/lib/bff/change-locks';
import { json, notAllowed, route } from '@/lib/bff/handler';
import { HttpError } from '@/lib/bff/problem';
import { createMessengerSchema } from '@/lib/schemas/account';
import { providerPathSchema } from '@/lib/schemas/paths';
import { createMessengerAccount } from '@/lib/vonage/accounts';

export const dynamic = 'force-dynamic';

/** Only Messenger accounts can be created through the API; the others are made outside it. */
export const POST = route(
  { action: 'write', params: providerPathSchema, body: createMessengerSchema },
  async ({ workspace, params, body }) => {
    if (params.provider !== 'messenger')
      throw new HttpError(405, 'Method not allowed', 'Only Messenger accounts can be created here.', { headers: { allow: '' } });
    return oneChangeAtATime(changeKey(workspace.id, 'messenger', body.externalId), async () =>
      json(await createMessengerAccount(workspace, body), 201));
  },
);
export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['POST']);
