import { accountDetail } from '@/lib/bff/reads';
import { changeKey, oneChangeAtATime } from '@/lib/bff/change-locks';
import { json, notAllowed, route } from '@/lib/bff/handler';
import { HttpError } from '@/lib/bff/problem';
import { updateMessengerSchema } from '@/lib/schemas/account';
import { accountPathSchema } from '@/lib/schemas/paths';
import { keepIndex } from '@/lib/index/keep';
import { deleteMessengerAccount, getAccount, updateMessengerAccount } from '@/lib/vonage/accounts';

export const dynamic = 'force-dynamic';

const messengerOnly = (provider: string) => {
  if (provider !== 'messenger')
    throw new HttpError(405, 'Method not allowed', 'Only Messenger accounts can be changed or deleted through the API.', {
      headers: { allow: 'GET' },
    });
};

export const GET = route(accountDetail, async (ctx) => json(await accountDetail.run(ctx)));

export const PATCH = route(
  { action: 'write', params: accountPathSchema, body: updateMessengerSchema, activity: 'account.update' },
  async ({ workspace, params, body, note }) => {
    messengerOnly(params.provider);
    return oneChangeAtATime(changeKey(workspace.id, 'messenger', params.externalId), async () => {
      const rotating = body.accessToken !== undefined;
      note({
        action: rotating ? (body.name !== undefined ? 'account.rename-and-rotate-token' : 'account.rotate-token') : 'account.rename',
      });
      // The log says "token …AB12 → …CD34": the old hint is read first (never the token itself).
      const before = await getAccount(workspace, 'messenger', params.externalId);
      note({ before: { name: before.name, tokenHint: before.accessTokenHint } });
      const account = await updateMessengerAccount(workspace, params.externalId, body);
      note({ after: { name: account.name, tokenHint: account.accessTokenHint } });
      await keepIndex.seen(workspace, account);
      return json(account);
    });
  },
);

export const DELETE = route({ action: 'write', params: accountPathSchema, activity: 'account.delete' }, async ({ workspace, params }) => {
  messengerOnly(params.provider);
  await oneChangeAtATime(changeKey(workspace.id, 'messenger', params.externalId), () =>
    deleteMessengerAccount(workspace, params.externalId),
  );
  await keepIndex.gone(workspace, 'messenger', params.externalId);
  return json(null, 204);
});

export const { POST, PUT, OPTIONS } = notAllowed(['GET', 'PATCH', 'DELETE']);
