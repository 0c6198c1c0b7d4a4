import { endSessionsOf } from '@/lib/auth/sessions';
import { json, notAllowed, peopleRoute } from '@/lib/bff/handler';

export const dynamic = 'force-dynamic';

/** Sign out everywhere: every session of the caller ends, this one too. */
export const POST = peopleRoute({ activity: 'session.sign-out-everywhere' }, async ({ user, note }) => {
  const ended = await endSessionsOf(user.email, 'signed-out-everywhere');
  note({ target: { kind: 'session', id: user.email }, after: { sessionsEnded: ended } });
  return json(null, 204);
});
export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['POST']);
