import { changeKey, oneChangeAtATime } from '@/lib/bff/change-locks';
import { json, notAllowed, route } from '@/lib/bff/handler';
import { journaled } from '@/lib/bff/replace-journal';
import { linkApplicationSchema, replaceApplicationSchema } from '@/lib/schemas/account';
import { accountPathSchema } from '@/lib/schemas/paths';
import { linkApplication } from '@/lib/vonage/accounts';
import { UpstreamError } from '@/lib/vonage/errors';
import { replaceApplication, type ReplaceStep } from '@/lib/vonage/replace';
import { keepIndex } from '@/lib/index/keep';

export const dynamic = 'force-dynamic';

export const POST = route(
  { action: 'write', params: accountPathSchema, body: linkApplicationSchema, activity: 'account.link' },
  async ({ workspace, params, body, note }) =>
    oneChangeAtATime(changeKey(workspace.id, params.provider, params.externalId), async () => {
      note({ after: { applicationId: body.applicationId } });
      const account = await linkApplication(workspace, params.provider, params.externalId, body.applicationId);
      note({ after: { applications: account.applications } });
      await keepIndex.seen(workspace, account);
      return json(account);
    }),
);

/** Replace, as one operation (docs/api.md). */
export const PUT = route(
  { action: 'write', params: accountPathSchema, body: replaceApplicationSchema, activity: 'account.replace' },
  async ({ workspace, user, params, body, note }) =>
    oneChangeAtATime(changeKey(workspace.id, params.provider, params.externalId), async () => {
      // One event for the whole replace, with its steps (unlink, link, and a restore if the link failed).
      const steps: ReplaceStep[] = [];
      note({ before: { applicationId: body.expectedCurrent }, after: { applicationId: body.applicationId, steps } });
      // Under an intent in the store: an instance that dies mid-way leaves it for another to put right.
      const intent = { workspace, provider: params.provider, externalId: params.externalId, user };
      let account;
      try {
        account = await journaled({ ...intent, from: body.expectedCurrent, to: body.applicationId }, () =>
          replaceApplication(workspace, params.provider, params.externalId, body.applicationId, body.expectedCurrent, steps),
        );
      } catch (e) {
        // The old application was unlinked and could not be put back: the index says so too, not what was there before.
        if (e instanceof UpstreamError && e.extra.restored === false && body.expectedCurrent)
          await keepIndex.unlinked(workspace, params.provider, params.externalId, body.expectedCurrent);
        throw e;
      }
      note({ after: { applications: account.applications, steps } });
      await keepIndex.seen(workspace, account);
      return json(account);
    }),
);
export const { GET, PATCH, DELETE, OPTIONS } = notAllowed(['POST', 'PUT']);
