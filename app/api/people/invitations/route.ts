import { json, notAllowed, peopleRoute } from '@/lib/bff/handler';
import { invite } from '@/lib/bff/people';
import { invitationSchema } from '@/lib/schemas/people';

export const dynamic = 'force-dynamic';

/** Invites a person: a one-time link, valid 72 hours, answered to the inviter (and mailed when SMTP_URL is set). */
export const POST = peopleRoute({ body: invitationSchema, activity: 'person.invite' }, async ({ user, body, note }) => {
  note({
    target: { kind: 'person', id: body.email },
    after: { role: body.role, workspace: body.workspace ?? null },
    workspace: body.workspace ?? user.workspace,
  });
  const made = await invite(user, body);
  note({ after: { role: made.role, workspace: made.workspace, mailed: made.mailed }, workspace: made.workspace });
  return json(made, 201);
});
export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['POST']);
