import { badRequest } from '@/lib/bff/problem';
import { json, notAllowed, peopleRoute } from '@/lib/bff/handler';
import { revokeSessions } from '@/lib/bff/people';
import { personIdSchema } from '@/lib/schemas/people';

export const dynamic = 'force-dynamic';

/** Ends every session of a person, on every instance (within a few seconds on the others). */
export const DELETE = peopleRoute({ activity: 'session.revoke' }, async ({ user, raw, note }) => {
  const id = personIdSchema.safeParse(raw);
  if (!id.success) throw badRequest(id.error, 'path');
  note({ target: { kind: 'person', id: id.data.id } });
  const { ended, workspace } = await revokeSessions(user, id.data.id);
  note({ after: { sessionsEnded: ended }, workspace });
  return json(null, 204);
});
export const { GET, POST, PUT, PATCH, OPTIONS } = notAllowed(['DELETE']);
