import { changeKey, oneChangeAtATime } from '@/lib/bff/change-locks';
import { json, notAllowed, route } from '@/lib/bff/handler';
import { HttpError } from '@/lib/bff/problem';
import { createMessengerSchema } from '@/lib/schemas/account';
import { providerPathSchema } from '@/lib/schemas/paths';
import { createMessengerAccount } from '@/lib/vonage/accounts';
import { keepIndex } from '@/lib/index/keep';

export const dynamic = 'force-dynamic';

/** Only Messenger accounts can be created through the API; the others are made outside it. */
export const POST = route(
  { action: 'write', params: providerPathSchema, body: createMessengerSchema, activity: 'account.create' },
  async ({ workspace, params, body, note }) => {
    if (params.provider !== 'messenger')
      throw new HttpError(405, 'Method not allowed', 'Only Messenger accounts can be created here.', { headers: { allow: '' } });
    note({ target: { kind: 'account', id: body.externalId, provider: 'messenger' } });
    return oneChangeAtATime(changeKey(workspace.id, 'messenger', body.externalId), async () => {
      const account = await createMessengerAccount(workspace, body);
      note({ after: { name: account.name, applications: account.applications, tokenHint: account.accessTokenHint } });
      await keepIndex.seen(workspace, account);
      return json(account, 201);
    });
  },
);
export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['POST']);
