import { badRequest } from '@/lib/bff/problem';
import { json, notAllowed, peopleRoute } from '@/lib/bff/handler';
import { changePerson } from '@/lib/bff/people';
import { personChangeSchema, personIdSchema } from '@/lib/schemas/people';

export const dynamic = 'force-dynamic';

/** Changes a person's role, or disables them (which ends their sessions at once) or enables them again. */
export const PATCH = peopleRoute({ body: personChangeSchema, activity: 'person.change' }, async ({ user, raw, body, note }) => {
  const id = personIdSchema.safeParse(raw);
  if (!id.success) throw badRequest(id.error, 'path');
  note({ target: { kind: 'person', id: id.data.id } });
  const { before, after, workspace } = await changePerson(user, id.data.id, body);
  note({ before, after, workspace });
  return json(after);
});
export const { GET, POST, PUT, DELETE, OPTIONS } = notAllowed(['PATCH']);
