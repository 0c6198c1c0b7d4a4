import { changeKey, oneChangeAtATime } from '@/lib/bff/change-locks';
import { json, notAllowed, route } from '@/lib/bff/handler';
import { HttpError } from '@/lib/bff/problem';
import { updateMessengerSchema } from '@/lib/schemas/account';
import { accountPathSchema } from '@/lib/schemas/paths';
import { deleteMessengerAccount, getAccount, updateMessengerAccount } from '@/lib/vonage/accounts';

export const dynamic = 'force-dynamic';

const messengerOnly = (provider: string) => {
  if (provider !== 'messenger')
    throw new HttpError(405, 'Method not allowed', 'Only Messenger accounts can be changed or deleted through the API.', {
      headers: { allow: 'GET' },
    });
};

export const GET = route({ action: 'read', params: accountPathSchema }, async ({ workspace, params }) => {
  if (params.provider === 'rcs')
    throw new HttpError(404, 'No single-account read for RCS', 'The Vonage API cannot read one RCS account; find it in the accounts list.');
  return json(await getAccount(workspace, params.provider, params.externalId));
});

export const PATCH = route(
  { action: 'write', params: accountPathSchema, body: updateMessengerSchema },
  async ({ workspace, params, body }) => {
    messengerOnly(params.provider);
    return oneChangeAtATime(changeKey(workspace.id, 'messenger', params.externalId), async () =>
      json(await updateMessengerAccount(workspace, params.externalId, body)));
  },
);

export const DELETE = route({ action: 'write', params: accountPathSchema }, async ({ workspace, params }) => {
  messengerOnly(params.provider);
  await oneChangeAtATime(changeKey(workspace.id, 'messenger', params.externalId), () =>
    deleteMessengerAccount(workspace, params.externalId));
  return json(null, 204);
});

export const { POST, PUT, OPTIONS } = notAllowed(['GET', 'PATCH', 'DELETE']);
