import { changeKey, oneChangeAtATime } from '@/lib/bff/change-locks';
import { json, notAllowed, route } from '@/lib/bff/handler';
import { linkPathSchema } from '@/lib/schemas/paths';
import { unlinkApplication } from '@/lib/vonage/accounts';
import { keepIndex } from '@/lib/index/keep';

export const dynamic = 'force-dynamic';

export const DELETE = route(
  { action: 'write', params: linkPathSchema, activity: 'account.unlink' },
  async ({ workspace, params, note }) => {
    note({ before: { applicationId: params.applicationId } });
    await oneChangeAtATime(changeKey(workspace.id, params.provider, params.externalId), () =>
      unlinkApplication(workspace, params.provider, params.externalId, params.applicationId),
    );
    await keepIndex.unlinked(workspace, params.provider, params.externalId, params.applicationId);
    return json(null, 204);
  },
);
export const { GET, POST, PUT, PATCH, OPTIONS } = notAllowed(['DELETE']);
